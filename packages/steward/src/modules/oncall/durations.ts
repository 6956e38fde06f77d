// ISO 8601 durations as fixed milliseconds, for escalation timings (escalateAfter, acknowledgeTimeout):
// waits, not wall-clock hand-offs, so a day is 24 hours here. Rotations are the engine's, never this.
const pattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of a duration such as PT15M, PT1H30M, P1D; null when the text is not one. */
export function durationMs(text: string): number | null {
  const match = pattern.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  const n = (part: string | undefined) => (part ? Number(part) : 0);
  return ((n(weeks) * 7 + n(days)) * 24 * 3600 + n(hours) * 3600 + n(minutes) * 60 + n(seconds)) * 1000;
}

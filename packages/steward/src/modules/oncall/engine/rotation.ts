// Rotation lengths. Weeks and days hand off at the same wall time, whatever DST does in between; hours,
// minutes and seconds count elapsed time. A mixed length (P1DT12H) is days in wall time then hours
// elapsed, as Temporal's ZonedDateTime.add does. Turn n is always computed from the layer's start, never
// from turn n-1, so a start that a DST gap moved does not drag the turns after it.
import { invalid } from '../../../platform/errors.ts';
import { dayMs, instantOfNaive } from './wall-time.ts';

export interface RotationLength {
  text: string;
  /** Whole days (weeks counted as 7) added in wall time. */
  days: number;
  /** Milliseconds added as elapsed time after the days. */
  elapsedMs: number;
  /** A rough length (a day as 24 h), for estimating which turn an instant falls in. */
  nominalMs: number;
}

const durationPattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const minuteMs = 60_000;

/** Parses an ISO 8601 duration of weeks, days, hours, minutes and seconds (at least one minute). Months
 *  and years are refused: their length varies too much to mean "the same turn each time". */
export function parseRotation(text: string, field = 'rotation'): RotationLength {
  const match = durationPattern.exec(text);
  if (match && text !== 'P' && !text.endsWith('T')) {
    const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const allDays = weeks * 7 + days;
    const elapsedMs = ((hours * 60 + minutes) * 60 + seconds) * 1000;
    const nominalMs = allDays * dayMs + elapsedMs;
    if (nominalMs >= minuteMs) return { text, days: allDays, elapsedMs, nominalMs };
  }
  throw invalid(
    `${field}: "${text}" is not a rotation length; use an ISO 8601 duration of at least a minute in weeks, days, hours or minutes, e.g. P1W, P1D or PT12H`,
    [{ field, message: 'expected an ISO 8601 duration such as P1W' }],
  );
}

/** The instant turn n begins: the start's wall time (naive, see wall-time.ts) plus n × the days, then
 *  n × the elapsed part. */
export function turnStart(start: number, timeZone: string, rotation: RotationLength, n: number): number {
  return instantOfNaive(start + n * rotation.days * dayMs, timeZone) + n * rotation.elapsedMs;
}

/** The turn under `at` (possibly negative: before the start), found from an estimate and corrected,
 *  since DST moves a wall-time turn by at most a few hours. */
export function turnAt(
  start: number,
  timeZone: string,
  rotation: RotationLength,
  at: number,
  startMs: number,
): number {
  let n = Math.floor((at - startMs) / rotation.nominalMs);
  while (turnStart(start, timeZone, rotation, n) > at) n--;
  while (turnStart(start, timeZone, rotation, n + 1) <= at) n++;
  return n;
}

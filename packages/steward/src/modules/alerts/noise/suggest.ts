// What to do about a noisy alert, in the words a team lead would use in a review. Each finding that
// applies adds its own advice; an alert people act on every time is a real problem firing often.
import type { AlertGroupNoise } from './model.ts';

type Findings = Omit<AlertGroupNoise, 'suggestion'>;

export function suggest(
  group: Findings,
  settings: { flapWindowMs: number; minFlaps: number; minCount: number },
): string | null {
  const noisy = group.count >= settings.minCount || group.flaps >= settings.minFlaps;
  if (!noisy) return null;
  const advice: string[] = [];
  const selfResolved = group.resolvedByItself.share;
  if (selfResolved >= 0.5) {
    advice.push(`${percent(selfResolved)} resolved by itself: raise the threshold or make it a ticket`);
  }
  if (group.flaps >= settings.minFlaps) {
    const window = Math.round(settings.flapWindowMs / 60_000);
    advice.push(
      `fired again within ${window} min of resolving ${times(group.flaps)}: it flaps, so make it wait longer before firing (a \`for:\` duration) or resolve later`,
    );
  }
  if (group.pagesOutsideHours > 0 && selfResolved >= 0.5) {
    advice.push(
      `paged ${times(group.pagesOutsideHours)} outside working hours: if it can wait for the morning, make it low urgency`,
    );
  }
  if (advice.length === 0) {
    advice.push(
      'people acted on it almost every time: it is a real problem that keeps coming back, so fix its cause',
    );
  }
  return `fired ${times(group.count)}, ${advice.join('; ')}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

// Questions asked of the final schedule: who is on call at an instant (with the whole unbroken stretch
// of that shift) and where nobody is.
import { compileSchedule } from './compile.ts';
import { finalPieces } from './final-schedule.ts';
import { toShift, windowOf } from './layer-shifts.ts';
import type { Interval, Override, ScheduleDefinition, Shift } from './model.ts';
import { epochOf } from './wall-time.ts';

/** How far either side of the instant a stretch is followed: a one-person layer is on call forever,
 *  and a year is as much as anyone reads of it. */
export const stretchReachMs = 366 * 86_400_000;

/** Where to look first either side of the instant: most stretches end within a day (restrictions,
 *  daily turns), and a longer one is followed by looking four times further on that side. */
const firstLookMs = 12 * 3_600_000;

export function shiftAt(
  schedule: ScheduleDefinition,
  overrides: readonly Override[],
  at: Date,
): Shift | null {
  const instant = epochOf(at, 'at');
  compileSchedule(schedule);
  let before = firstLookMs;
  let after = firstLookMs;
  for (;;) {
    const from = instant - before;
    const until = instant + after + 1;
    const pieces = finalPieces(schedule, overrides, from, until);
    const found = pieces.find((piece) => piece.from <= instant && instant < piece.until);
    if (!found) return null;
    const openBefore = found.from === from && before < stretchReachMs;
    const openAfter = found.until === until && after < stretchReachMs;
    if (!openBefore && !openAfter) return toShift(found);
    if (openBefore) before = Math.min(before * 2, stretchReachMs);
    if (openAfter) after = Math.min(after * 2, stretchReachMs);
  }
}

/** The parts of the window where nobody is on call, sorted. */
export function gaps(
  schedule: ScheduleDefinition,
  overrides: readonly Override[],
  window: Interval,
): Interval[] {
  const [from, until] = windowOf(window);
  const result: Interval[] = [];
  let covered = from;
  for (const piece of finalPieces(schedule, overrides, from, until)) {
    if (piece.from > covered) result.push({ from: new Date(covered), until: new Date(piece.from) });
    covered = piece.until;
  }
  if (covered < until) result.push({ from: new Date(covered), until: new Date(until) });
  return result;
}

// Restrictions: weekly windows in wall time (e.g. weekdays 09:00–17:00, or 22:00–06:00 across midnight).
// A layer's shifts are cut down to the parts inside them. Windows are built day by day in the zone, so a
// 22:00–06:00 window over a DST change is 7 or 9 hours long, as the clock on the wall says.
import { invalid } from '../../../platform/errors.ts';
import { type Restriction, type Weekday, weekdays } from './model.ts';
import { dayMs, instantOfNaive, parseClock, weekdayOf } from './wall-time.ts';

export interface CompiledRestriction {
  /** Indexed by Temporal's dayOfWeek (1 = Monday). */
  onDay: readonly boolean[];
  fromMinute: number;
  /** Minutes after the start day's midnight: past 1440 when the window ends the next day. */
  toMinute: number;
}

/** A half-open span of epoch milliseconds. */
export type Span = readonly [from: number, until: number];

export function compileRestriction(restriction: Restriction, field: string): CompiledRestriction {
  const onDay = [false, false, false, false, false, false, false, false];
  if (!Array.isArray(restriction.days)) {
    throw invalid(`${field}.days: expected a list of weekdays such as [mon, tue]`);
  }
  for (const day of restriction.days) {
    const index = weekdays.indexOf(day as Weekday);
    if (index < 0) {
      throw invalid(`${field}.days: "${day}" is not a weekday; use ${weekdays.join(', ')}`, [
        { field: `${field}.days`, message: 'expected mon, tue, wed, thu, fri, sat or sun' },
      ]);
    }
    onDay[index + 1] = true;
  }
  const fromMinute = parseClock(restriction.from, `${field}.from`, false);
  const to = parseClock(restriction.to, `${field}.to`, true);
  return { onDay, fromMinute, toMinute: to <= fromMinute ? to + 1440 : to };
}

/** No zone is more than 14 hours from UTC, so the wall dates of [from, until) lie within these bounds. */
const widestOffsetMs = 14 * 3_600_000;

/** The windows that meet [from, until), sorted, overlapping and touching ones joined. Windows are
 *  built for every wall date the span can touch, from the day before (a window begun then may still
 *  be open), and those outside the span dropped. */
export function restrictionSpans(
  restrictions: readonly CompiledRestriction[],
  timeZone: string,
  from: number,
  until: number,
): Span[] {
  const found: [number, number][] = [];
  const first = (Math.floor((from - widestOffsetMs) / dayMs) - 1) * dayMs;
  const last = Math.floor((until + widestOffsetMs) / dayMs) * dayMs;
  for (let midnight = first; midnight <= last; midnight += dayMs) {
    const weekday = weekdayOf(midnight);
    for (const restriction of restrictions) {
      if (!restriction.onDay[weekday]) continue;
      const start = instantOfNaive(midnight + restriction.fromMinute * 60_000, timeZone);
      const end = instantOfNaive(midnight + restriction.toMinute * 60_000, timeZone);
      if (start < until && end > from && end > start) found.push([start, end]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const span of found) {
    const previous = joined.at(-1);
    if (previous && span[0] <= previous[1]) previous[1] = Math.max(previous[1], span[1]);
    else joined.push(span);
  }
  return joined;
}

/** The parts of each span that lie inside the windows, in order: one pass over both sorted lists. */
export function intersectSpans<T extends { from: number; until: number }>(
  pieces: readonly T[],
  windows: readonly Span[],
): T[] {
  const result: T[] = [];
  let w = 0;
  for (const piece of pieces) {
    while (w < windows.length && (windows[w] as Span)[1] <= piece.from) w++;
    for (let k = w; k < windows.length; k++) {
      const [start, end] = windows[k] as Span;
      if (start >= piece.until) break;
      result.push({ ...piece, from: Math.max(start, piece.from), until: Math.min(end, piece.until) });
    }
  }
  return result;
}

// Every conversion between wall time in a zone and an instant goes through Temporal, so the zone's rules
// (DST, odd offsets such as Lord Howe's half hour) come from the time zone database, never from us.
// Between conversions a wall time is a "naive" number: the milliseconds its date and clock would be
// in ISO calendar arithmetic (2026-03-29T02:30 → Date.UTC(2026, 2, 29, 2, 30)). Adding days to it is
// PlainDateTime.add({ days }) without the objects; it has no zone and no offset in it. Conversions are
// remembered per zone, since schedules ask for the same wall times (09:00 each day) again and again.
import { Temporal } from 'temporal-polyfill';
import { invalid } from '../../../platform/errors.ts';

const zones = new Map<string, string>();

/** The zone's canonical id; an unknown zone is a client mistake, reported against `field`. */
export function checkTimeZone(timeZone: string, field: string): string {
  const known = zones.get(timeZone);
  if (known !== undefined) return known;
  try {
    const id = Temporal.Now.zonedDateTimeISO(timeZone).timeZoneId;
    // Temporal also takes fixed offsets ("+02:00"), which know nothing of a place's DST: refused.
    if (/^[+-]/.test(id)) throw new RangeError(id);
    zones.set(timeZone, id);
    return id;
  } catch {
    throw invalid(`${field}: "${timeZone}" is not an IANA time zone; use a name such as "Europe/Berlin"`, [
      { field, message: 'expected an IANA time zone name' },
    ]);
  }
}

const wallPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Reads "YYYY-MM-DDTHH:MM[:SS]" as a naive number; a date or time that does not exist on the ISO
 *  calendar (2026-02-30, 24:00, 60 seconds) is refused. Read without Temporal objects because a
 *  server compiles every schedule it loads, and this is most of that. */
export function parseWallTime(text: string, field: string): number {
  const match = wallPattern.exec(text);
  if (match) {
    const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const back = new Date(0);
    back.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years below 100 as they are
    back.setUTCHours(hour, minute, second);
    const naive = back.getTime();
    // Date carries overflow into the next field: a value that does not come back unchanged did not exist.
    const exists =
      back.getUTCFullYear() === year &&
      back.getUTCMonth() === month - 1 &&
      back.getUTCDate() === day &&
      back.getUTCHours() === hour &&
      back.getUTCMinutes() === minute &&
      back.getUTCSeconds() === second;
    if (exists) return naive;
  }
  throw invalid(
    `${field}: "${text}" is not a wall time; write it as YYYY-MM-DDTHH:MM, e.g. 2026-01-05T09:00`,
    [{ field, message: 'expected YYYY-MM-DDTHH:MM' }],
  );
}

const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight for "HH:MM"; "24:00" (1440) only where `endOfDay` allows it. */
export function parseClock(text: string, field: string, endOfDay: boolean): number {
  if (endOfDay && text === '24:00') return 1440;
  const match = clockPattern.exec(text);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  throw invalid(
    `${field}: "${text}" is not a time of day; write HH:MM from 00:00 to ${endOfDay ? '24:00' : '23:59'}`,
    [{ field, message: 'expected HH:MM' }],
  );
}

export const dayMs = 86_400_000;

/** Day of the week of a naive day (1 = Monday … 7 = Sunday, as Temporal counts); 1970-01-01 was a
 *  Thursday. */
export function weekdayOf(naive: number): number {
  return ((((Math.floor(naive / dayMs) + 3) % 7) + 7) % 7) + 1;
}

const conversions = new Map<string, Map<number, number>>();
const conversionsKept = 100_000;

/** The instant of a naive wall time in the zone, as instantOf gives it, remembered. */
export function instantOfNaive(naive: number, timeZone: string): number {
  let known = conversions.get(timeZone);
  if (!known) {
    known = new Map();
    conversions.set(timeZone, known);
  }
  const found = known.get(naive);
  if (found !== undefined) return found;
  // Date's UTC fields are the ISO calendar's: the naive number read back as a date and a clock.
  const d = new Date(naive);
  const wall = new Temporal.PlainDateTime(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
  const instant = instantOf(wall, timeZone);
  if (known.size >= conversionsKept) known.clear();
  known.set(naive, instant);
  return instant;
}

/** The instant of a wall time. A wall time skipped by a DST change moves forward by the gap, and one
 *  that occurs twice is the earlier: Temporal's "compatible" choice, the same as RFC 5545's. */
export function instantOf(wall: Temporal.PlainDateTime, timeZone: string): number {
  return wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** A Date that holds a real instant, or an invalid error naming the field. */
export function epochOf(date: Date, field: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw invalid(`${field}: not a valid instant; give an ISO 8601 date-time such as 2026-01-05T09:00:00Z`, [
      { field, message: 'expected a date-time' },
    ]);
  }
  return ms;
}

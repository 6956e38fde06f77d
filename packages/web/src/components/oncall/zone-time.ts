// Times in a schedule's own zone (IANA): how an instant reads there, and which instant a wall time
// there means. The browser's zone plays no part, so Berlin's rota reads the same from New York.

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +2 h). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * `2026-03-29T09:00` in `Europe/Berlin` → the ISO instant. A wall time skipped by a spring-forward
 * change reads as the same elapsed time after the change began (02:30 → 03:30), as calendars do.
 */
export function wallTimeToInstant(wall: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const naive = Date.UTC(y as number, (mo as number) - 1, d, h, mi);
  // The offset where the wall time falls, found from a first guess and checked once more.
  const first = naive - zoneOffsetMs(naive, timeZone);
  const second = naive - zoneOffsetMs(first, timeZone);
  return new Date(second).toISOString();
}

/** `2026-03-29T09:00`: the form value of an instant as a wall time in the zone. */
export function instantToWallTime(iso: string, timeZone: string): string {
  const at = new Date(iso).getTime();
  return new Date(at + zoneOffsetMs(at, timeZone)).toISOString().slice(0, 16);
}

export function zoneFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(undefined, { timeZone, ...options });
}

/** "Mon 5 Jan, 09:00" as the zone reads it. */
export function formatInZone(iso: string, timeZone: string): string {
  return zoneFormat(timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** Midnights in the zone from `from` to `until`, for the timeline's day ticks. */
export function midnightsBetween(from: string, until: string, timeZone: string): string[] {
  const end = new Date(until).getTime();
  const out: string[] = [];
  let day = instantToWallTime(from, timeZone).slice(0, 10);
  for (let guard = 0; guard < 120; guard += 1) {
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    day = next.toISOString().slice(0, 10);
    const instant = wallTimeToInstant(`${day}T00:00`, timeZone);
    if (!instant || new Date(instant).getTime() >= end) break;
    out.push(instant);
  }
  return out;
}

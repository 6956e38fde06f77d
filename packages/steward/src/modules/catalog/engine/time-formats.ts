// The time values on-call kinds are written with: IANA zones, ISO 8601 durations, wall-clock times
// and dates without an offset. Checked here without a time library: only the shape and the zone's
// existence matter to the catalog; the schedule engine does the arithmetic.

const zoneShape = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;
let canonicalZones: Map<string, string> | undefined;

/** Lower-cased canonical zone names → as IANA writes them (for "did you mean"). */
function zonesByLowerCase(): Map<string, string> {
  canonicalZones ??= new Map(
    [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC'].map((z) => [z.toLowerCase(), z]),
  );
  return canonicalZones;
}

function intlAccepts(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA zone name or alias as IANA writes it (Europe/Berlin, UTC, Etc/UTC, US/Eastern). */
export function isIanaTimeZone(value: string): boolean {
  if (!zoneShape.test(value) || !intlAccepts(value)) return false;
  const canonical = zonesByLowerCase().get(value.toLowerCase());
  return canonical === undefined || canonical === value;
}

export function timeZoneReason(value: string): string | undefined {
  if (/^(UTC|GMT)?\s*[+-]\d/.test(value) || value === 'Z')
    return 'an offset is not a zone: it has no daylight-saving rules, so name the place (e.g. Europe/Berlin)';
  const canonical = zonesByLowerCase().get(value.toLowerCase());
  if (canonical !== undefined && canonical !== value) return `IANA writes it ${canonical}`;
  return undefined;
}

const durationShape = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** PT12H, P1D, P1W, P2W, P1DT12H: weeks, days, hours, minutes, seconds; more than zero. */
export function isIsoDuration(value: string): boolean {
  const parts = durationShape.exec(value);
  if (!parts || value === 'P' || value.endsWith('T')) return false;
  return parts.slice(1).some((part) => part !== undefined && Number(part) > 0);
}

export function durationReason(value: string): string | undefined {
  if (/^P[^T]*[YM]/.test(value))
    return 'months and years vary in length, so they cannot be a rotation or a delay; write weeks or days (P4W, P30D)';
  if (durationShape.test(value) && value !== 'P' && !value.endsWith('T'))
    return 'a duration of zero never ends';
  if (/^p/.test(value) || /[a-z]/.test(value.slice(1))) return 'the letters are upper case (PT12H)';
  if (/[.,]/.test(value)) return 'whole numbers only (PT90M rather than PT1.5H)';
  return undefined;
}

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;

/** HH:MM from 00:00 to 23:59: the start of a minute. */
export const isWallTime = (value: string): boolean => clock.test(value);

/** HH:MM from 00:00 to 24:00: where a stretch of the day ends (24:00 is the end of the day). */
export const isWallTimeEnd = (value: string): boolean => value === '24:00' || clock.test(value);

export function wallTimeReason(value: string): string | undefined {
  if (/^\d:\d\d$/.test(value)) return `write two digits for the hour (0${value})`;
  if (/^\d\d:\d\d:\d\d$/.test(value)) return 'seconds are not used here';
  return undefined;
}

const localShape = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** YYYY-MM-DDTHH:MM[:SS], a real calendar date and clock time, no offset. */
export function isLocalDateTime(value: string): boolean {
  const parts = localShape.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1).map((p) => Number(p ?? 0)) as number[];
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day));
  return (
    date.getUTCMonth() === (month as number) - 1 &&
    date.getUTCDate() === day &&
    (hour as number) < 24 &&
    (minute as number) < 60 &&
    (second as number) < 60
  );
}

export function localDateTimeReason(value: string): string | undefined {
  if (/(Z|[+-]\d\d(:?\d\d)?)$/i.test(value) && localShape.test(value.replace(/(Z|[+-]\d\d(:?\d\d)?)$/i, '')))
    return 'it is wall time in spec.timeZone, so it has no offset or Z';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'give the time of day too (T09:00)';
  if (localShape.test(value)) return 'there is no such date or time';
  return undefined;
}

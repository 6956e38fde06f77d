// The time formats of on-call kinds, value by value: what is accepted and why the rest is not.
import { describe, expect, it } from 'vitest';
import {
  durationReason,
  isIanaTimeZone,
  isIsoDuration,
  isLocalDateTime,
  isWallTime,
  isWallTimeEnd,
} from './time-formats.ts';

describe('time formats', () => {
  it('zones: IANA names and their aliases, as IANA spells them; no offsets', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'UTC', 'Etc/UTC', 'US/Eastern', 'Etc/GMT+2'])
      expect(isIanaTimeZone(zone), zone).toBe(true);
    for (const zone of ['europe/berlin', 'Mars/Olympus', '+02:00', 'UTC+2', 'Z', '', 'Europe/Berlin '])
      expect(isIanaTimeZone(zone), zone).toBe(false);
  });

  it('durations: weeks, days, hours, minutes, seconds, more than zero', () => {
    for (const text of ['PT12H', 'P1D', 'P1W', 'P2W', 'P1DT12H', 'PT30M', 'PT90S', 'P1W2D'])
      expect(isIsoDuration(text), text).toBe(true);
    for (const text of ['P', 'PT', 'P0D', 'PT0H0M', 'P1M', 'P1Y', '1W', 'p1w', 'PT1.5H', 'P1DT', 'PT-1H'])
      expect(isIsoDuration(text), text).toBe(false);
    expect(durationReason('P1M')).toContain('months and years vary in length');
    expect(durationReason('P0D')).toBe('a duration of zero never ends');
    expect(durationReason('pt1h')).toContain('upper case');
  });

  it('wall times: 24:00 only as where a stretch ends', () => {
    expect(['00:00', '09:30', '23:59'].every(isWallTime)).toBe(true);
    expect(['24:00', '9:00', '12:60', '09:00:00'].some(isWallTime)).toBe(false);
    expect(isWallTimeEnd('24:00')).toBe(true);
    expect(isWallTimeEnd('24:01')).toBe(false);
  });

  it('local date-times: real dates, seconds optional, no offset', () => {
    expect(['2026-01-05T09:00', '2026-03-29T02:30', '2028-02-29T00:00:59'].every(isLocalDateTime)).toBe(true);
    for (const text of [
      '2026-02-29T09:00',
      '2026-01-05T24:00',
      '2026-01-05',
      '2026-01-05T09:00Z',
      '2026-01-05 09:00',
    ])
      expect(isLocalDateTime(text), text).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { instantToWallTime, midnightsBetween, wallTimeToInstant, zoneOffsetMs } from './zone-time.ts';

describe('times in a schedule zone', () => {
  it('knows Berlin is UTC+1 in winter and UTC+2 in summer', () => {
    expect(zoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-14_400_000);
  });

  it('turns a wall time into the instant it means there, across a DST change', () => {
    expect(wallTimeToInstant('2026-01-05T09:00', 'Europe/Berlin')).toBe('2026-01-05T08:00:00.000Z');
    // Berlin springs forward on 29 March 2026 at 02:00 → 03:00; 09:00 that day is UTC+2.
    expect(wallTimeToInstant('2026-03-29T09:00', 'Europe/Berlin')).toBe('2026-03-29T07:00:00.000Z');
    expect(wallTimeToInstant('2026-03-28T09:00', 'Europe/Berlin')).toBe('2026-03-28T08:00:00.000Z');
    expect(wallTimeToInstant('not a time', 'Europe/Berlin')).toBeNull();
  });

  it('reads an instant back as the wall time in the zone', () => {
    expect(instantToWallTime('2026-07-01T22:30:00Z', 'Europe/Berlin')).toBe('2026-07-02T00:30');
    expect(instantToWallTime('2026-07-01T22:30:00Z', 'America/New_York')).toBe('2026-07-01T18:30');
  });

  it('lists the midnights in the zone inside a window, 23 hours apart across spring-forward', () => {
    const midnights = midnightsBetween('2026-03-28T12:00:00Z', '2026-03-31T12:00:00Z', 'Europe/Berlin');
    expect(midnights).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
      '2026-03-30T22:00:00.000Z',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../platform/errors.ts';
import { isWithinWorkingHours, nextWorkingHoursStart, type WorkingHours } from './index.ts';

const at = (iso: string) => new Date(iso);
const office: WorkingHours = {
  timeZone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
};

describe('isWithinWorkingHours', () => {
  it.each([
    ['2026-01-05T08:30:00Z', true], // Mon 09:30 CET
    ['2026-01-05T07:30:00Z', false], // Mon 08:30 CET
    ['2026-03-30T07:00:00Z', true], // Mon 09:00 CEST: the start is inside
    ['2026-03-30T14:59:59Z', true], // Mon 16:59:59 CEST
    ['2026-03-30T15:00:00Z', false], // Mon 17:00 CEST: the end is outside
    ['2026-03-28T10:00:00Z', false], // Saturday
  ])('%s → %s', (iso, expected) => {
    expect(isWithinWorkingHours(office, at(iso))).toBe(expected);
  });

  it('follows a window past midnight into the next day', () => {
    const nights: WorkingHours = { timeZone: 'UTC', days: ['sun'], from: '22:00', to: '06:00' };
    expect(isWithinWorkingHours(nights, at('2026-01-12T03:00:00Z'))).toBe(true); // Monday 03:00
    expect(isWithinWorkingHours(nights, at('2026-01-13T03:00:00Z'))).toBe(false); // Tuesday 03:00
  });
});

describe('nextWorkingHoursStart', () => {
  it('is Monday 09:00 after Friday evening, at the new offset after spring forward', () => {
    // Fri 2026-03-27 18:00 CET → Mon 2026-03-30 09:00 CEST = 07:00Z.
    expect(nextWorkingHoursStart(office, at('2026-03-27T17:00:00Z'))).toEqual(at('2026-03-30T07:00:00Z'));
  });

  it('is the instant itself inside working hours, and today 09:00 early in the morning', () => {
    expect(nextWorkingHoursStart(office, at('2026-01-06T12:34:00Z'))).toEqual(at('2026-01-06T12:34:00Z'));
    expect(nextWorkingHoursStart(office, at('2026-01-06T05:00:00Z'))).toEqual(at('2026-01-06T08:00:00Z'));
  });

  it('refuses working hours on no day, naming the field', () => {
    const never = { ...office, days: [] };
    expect(isWithinWorkingHours(never, at('2026-01-06T12:00:00Z'))).toBe(false);
    expect(() => nextWorkingHoursStart(never, at('2026-01-06T12:00:00Z'))).toThrow(
      /^spec\.workingHours\.days: /,
    );
  });

  it('refuses an unknown time zone as invalid, naming the field', () => {
    const lost = { ...office, timeZone: 'Mars/Olympus_Mons' };
    expect(() => isWithinWorkingHours(lost, at('2026-01-06T12:00:00Z'))).toThrow(StewardError);
    expect(() => isWithinWorkingHours(lost, at('2026-01-06T12:00:00Z'))).toThrow(
      /^spec\.workingHours\.timeZone: "Mars\/Olympus_Mons" is not an IANA time zone/,
    );
  });
});

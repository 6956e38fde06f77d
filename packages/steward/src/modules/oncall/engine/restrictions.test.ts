import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../platform/errors.ts';
import { layerShifts, type Restriction, type ScheduleDefinition } from './index.ts';

const at = (iso: string) => new Date(iso);

function restricted(timeZone: string, restrictions: Restriction[], members = ['a']): ScheduleDefinition {
  return {
    ref: 'schedule:default/s',
    timeZone,
    layers: [{ name: 'nights', start: '2026-01-05T00:00', rotation: 'P1W', members, restrictions }],
  };
}

const spans = (schedule: ScheduleDefinition, from: string, until: string) =>
  layerShifts(schedule, 0, { from: at(from), until: at(until) }).map((s) => [
    s.user,
    s.from.toISOString(),
    s.until.toISOString(),
  ]);

describe('restrictions cut a layer to wall-time windows', () => {
  it('weekdays 09:00–17:00 in UTC keep only those hours, on those days', () => {
    const schedule = restricted('UTC', [{ days: ['fri', 'mon'], from: '09:00', to: '17:00' }]);
    // 2026-01-09 is a Friday, 2026-01-12 a Monday.
    expect(spans(schedule, '2026-01-09T00:00Z', '2026-01-13T00:00Z')).toEqual([
      ['a', '2026-01-09T09:00:00.000Z', '2026-01-09T17:00:00.000Z'],
      ['a', '2026-01-12T09:00:00.000Z', '2026-01-12T17:00:00.000Z'],
    ]);
  });

  it('22:00–06:00 wraps into the next day and is 7 h over spring forward in Berlin', () => {
    const schedule = restricted('Europe/Berlin', [{ days: ['sat'], from: '22:00', to: '06:00' }]);
    // Sat 2026-03-28 22:00 CET = 21:00Z; Sun 06:00 CEST = 04:00Z.
    expect(spans(schedule, '2026-03-27T00:00Z', '2026-03-31T00:00Z')).toEqual([
      ['a', '2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z'],
    ]);
  });

  it('22:00–06:00 is 9 h over fall back in Berlin', () => {
    const schedule = restricted('Europe/Berlin', [{ days: ['sat'], from: '22:00', to: '06:00' }]);
    // Sat 2026-10-24 22:00 CEST = 20:00Z; Sun 06:00 CET = 05:00Z.
    expect(spans(schedule, '2026-10-23T00:00Z', '2026-10-27T00:00Z')).toEqual([
      ['a', '2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z'],
    ]);
  });

  it('a window that began the day before the query window is still found', () => {
    const schedule = restricted('UTC', [{ days: ['sun'], from: '22:00', to: '06:00' }]);
    expect(spans(schedule, '2026-01-12T03:00Z', '2026-01-12T12:00Z')).toEqual([
      ['a', '2026-01-12T03:00:00.000Z', '2026-01-12T06:00:00.000Z'],
    ]);
  });

  it('"24:00" ends at midnight, and touching windows join into one piece', () => {
    const schedule = restricted('UTC', [
      { days: ['sat'], from: '12:00', to: '24:00' },
      { days: ['sun'], from: '00:00', to: '08:00' },
    ]);
    expect(spans(schedule, '2026-01-10T00:00Z', '2026-01-12T00:00Z')).toEqual([
      ['a', '2026-01-10T12:00:00.000Z', '2026-01-11T08:00:00.000Z'],
    ]);
  });

  it('an hour the clock skips is in no window (02:00–03:00 on 2026-03-29 in Berlin)', () => {
    const schedule = restricted('Europe/Berlin', [{ days: ['sun'], from: '02:00', to: '03:00' }]);
    expect(spans(schedule, '2026-03-28T00:00Z', '2026-03-30T00:00Z')).toEqual([]);
    expect(spans(schedule, '2026-03-21T00:00Z', '2026-03-23T00:00Z')).toEqual([
      ['a', '2026-03-22T01:00:00.000Z', '2026-03-22T02:00:00.000Z'],
    ]);
  });

  it('a turn handing over inside a window splits it between the two members', () => {
    const schedule = restricted('UTC', [{ days: ['sun'], from: '20:00', to: '04:00' }], ['a', 'b']);
    // Turns hand over on Monday 00:00 (the layer starts Mon 2026-01-05 00:00, P1W).
    expect(spans(schedule, '2026-01-11T00:00Z', '2026-01-12T12:00Z')).toEqual([
      ['a', '2026-01-11T20:00:00.000Z', '2026-01-12T00:00:00.000Z'],
      ['b', '2026-01-12T00:00:00.000Z', '2026-01-12T04:00:00.000Z'],
    ]);
  });

  it.each([
    [{ days: ['funday'], from: '09:00', to: '17:00' }, /restrictions\[0\]\.days: "funday" is not a weekday/],
    [{ days: ['mon'], from: '9am', to: '17:00' }, /restrictions\[0\]\.from: "9am" is not a time of day/],
    [{ days: ['mon'], from: '24:00', to: '17:00' }, /restrictions\[0\]\.from: "24:00"/],
    [{ days: ['mon'], from: '09:00', to: '25:00' }, /restrictions\[0\]\.to: "25:00"/],
  ])('refuses %j naming the field', (restriction, message) => {
    const schedule = restricted('UTC', [restriction as Restriction]);
    expect(() => spans(schedule, '2026-01-05T00:00Z', '2026-01-06T00:00Z')).toThrow(StewardError);
    expect(() => spans(schedule, '2026-01-05T00:00Z', '2026-01-06T00:00Z')).toThrow(message);
  });
});

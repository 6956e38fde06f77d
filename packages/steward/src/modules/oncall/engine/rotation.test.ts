import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../platform/errors.ts';
import { layerShifts, parseRotation, type ScheduleDefinition } from './index.ts';

const hour = 3_600_000;
const at = (iso: string) => new Date(iso);

function daily(timeZone: string, start: string, rotation = 'P1D'): ScheduleDefinition {
  return {
    ref: 'schedule:default/s',
    timeZone,
    layers: [{ name: 'l', start, rotation, members: ['a', 'b'] }],
  };
}

/** Lengths in hours of the layer's shifts in the window (the first and last may be clipped). */
function hoursOf(schedule: ScheduleDefinition, from: string, until: string): number[] {
  return layerShifts(schedule, 0, { from: at(from), until: at(until) }).map(
    (shift) => (shift.until.getTime() - shift.from.getTime()) / hour,
  );
}

describe('parseRotation', () => {
  it('splits weeks and days (wall time) from hours and minutes (elapsed)', () => {
    expect(parseRotation('P2W')).toMatchObject({ days: 14, elapsedMs: 0 });
    expect(parseRotation('P1DT12H')).toMatchObject({ days: 1, elapsedMs: 12 * hour });
    expect(parseRotation('PT90M')).toMatchObject({ days: 0, elapsedMs: 1.5 * hour });
  });

  it.each(['', 'P', 'PT', 'P1M', 'P1Y', 'PT0H', 'P0D', '1D', 'PT1.5H', 'PT30S', 'p1d'])(
    'refuses %j with a message naming the field and an example',
    (text) => {
      const error = (() => {
        try {
          parseRotation(text, 'spec.layers[0].rotation');
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(StewardError);
      expect((error as StewardError).kind).toBe('invalid');
      expect((error as StewardError).message).toMatch(/^spec\.layers\[0\]\.rotation: .*e\.g\. P1W/);
    },
  );
});

describe('a P1D rotation hands off at the same wall time across DST', () => {
  it('Europe/Berlin spring forward (2026-03-29): 09:00 CET then 09:00 CEST, a 23 h shift', () => {
    const schedule = daily('Europe/Berlin', '2026-03-27T09:00');
    const shifts = layerShifts(schedule, 0, {
      from: at('2026-03-28T08:00Z'),
      until: at('2026-03-30T07:00Z'),
    });
    expect(shifts.map((s) => [s.user, s.from.toISOString(), s.until.toISOString()])).toEqual([
      ['b', '2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z'],
      ['a', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    ]);
  });

  it('Europe/Berlin fall back (2026-10-25): a 25 h shift', () => {
    expect(
      hoursOf(daily('Europe/Berlin', '2026-10-01T09:00'), '2026-10-24T07:00Z', '2026-10-26T08:00Z'),
    ).toEqual([25, 24]);
  });

  it('America/New_York (2026-03-08 and 2026-11-01): 23 h and 25 h', () => {
    const schedule = daily('America/New_York', '2026-01-01T09:00');
    // 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z.
    expect(hoursOf(schedule, '2026-03-07T14:00Z', '2026-03-09T13:00Z')).toEqual([23, 24]);
    expect(hoursOf(schedule, '2026-10-31T13:00Z', '2026-11-02T14:00Z')).toEqual([25, 24]);
  });

  it('Australia/Lord_Howe moves by half an hour: 24.5 h in April, 23.5 h in October', () => {
    const schedule = daily('Australia/Lord_Howe', '2026-01-01T09:00');
    // 09:00 at +11:00 is 22:00Z the day before; at +10:30 it is 22:30Z.
    expect(hoursOf(schedule, '2026-04-03T22:00Z', '2026-04-05T22:30Z')).toEqual([24.5, 24]);
    expect(hoursOf(schedule, '2026-10-02T22:30Z', '2026-10-04T22:00Z')).toEqual([23.5, 24]);
  });

  it('Australia/Sydney (southern hemisphere): DST ends 2026-04-05 (25 h), starts 2026-10-04 (23 h)', () => {
    const schedule = daily('Australia/Sydney', '2026-01-01T09:00');
    // 09:00 AEDT (+11) is 22:00Z the day before; 09:00 AEST (+10) is 23:00Z.
    expect(hoursOf(schedule, '2026-04-03T22:00Z', '2026-04-05T23:00Z')).toEqual([25, 24]);
    expect(hoursOf(schedule, '2026-10-02T23:00Z', '2026-10-04T22:00Z')).toEqual([23, 24]);
  });
});

describe('elapsed-time rotations and shifts over a transition', () => {
  it('PT12H counts elapsed time: 20:00/08:00 CET becomes 21:00/09:00 CEST', () => {
    const schedule = daily('Europe/Berlin', '2026-03-28T20:00', 'PT12H');
    const shifts = layerShifts(schedule, 0, {
      from: at('2026-03-28T19:00Z'),
      until: at('2026-03-29T19:00Z'),
    });
    expect(shifts.map((s) => s.from.toISOString())).toEqual([
      '2026-03-28T19:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
    ]);
    expect(hoursOf(schedule, '2026-03-28T19:00Z', '2026-03-30T07:00Z')).toEqual([12, 12, 12]);
  });

  it('P1DT12H is a day in wall time then 12 h elapsed, like ZonedDateTime.add', () => {
    // Start Sat 2026-03-28 08:00 CET (07:00Z); +1 day wall = Sun 08:00 CEST (06:00Z); +12 h = 18:00Z.
    const schedule = daily('Europe/Berlin', '2026-03-28T08:00', 'P1DT12H');
    const shifts = layerShifts(schedule, 0, {
      from: at('2026-03-28T07:00Z'),
      until: at('2026-03-29T19:00Z'),
    });
    expect(shifts[1]?.from.toISOString()).toBe('2026-03-29T18:00:00.000Z');
  });

  it('a weekly shift spanning spring forward lasts 167 h', () => {
    const schedule = daily('Europe/Berlin', '2026-03-23T09:00', 'P1W');
    expect(hoursOf(schedule, '2026-03-23T08:00Z', '2026-04-06T07:00Z')).toEqual([167, 168]);
  });

  it('a start in the skipped hour (02:30 on 2026-03-29) moves once and does not drift', () => {
    const schedule = daily('Europe/Berlin', '2026-03-29T02:30');
    const shifts = layerShifts(schedule, 0, {
      from: at('2026-03-29T00:00Z'),
      until: at('2026-03-31T01:00Z'),
    });
    // 02:30 does not exist that day: it becomes 03:30 CEST (01:30Z); later turns are back at 02:30 CEST.
    expect(shifts.map((s) => s.from.toISOString())).toEqual([
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('a start in the repeated hour (02:30 on 2026-10-25) is the earlier, CEST one', () => {
    const schedule = daily('Europe/Berlin', '2026-10-25T02:30');
    const shifts = layerShifts(schedule, 0, {
      from: at('2026-10-24T00:00Z'),
      until: at('2026-10-26T03:00Z'),
    });
    expect(shifts.map((s) => [s.from.toISOString(), s.until.toISOString()])).toEqual([
      ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'],
      ['2026-10-26T01:30:00.000Z', '2026-10-26T03:00:00.000Z'],
    ]);
  });

  it('nobody is on call before the layer starts, and members take turns from the start', () => {
    const schedule = daily('UTC', '2026-01-10T00:00');
    const shifts = layerShifts(schedule, 0, {
      from: at('2026-01-01T00:00Z'),
      until: at('2026-01-13T00:00Z'),
    });
    expect(shifts.map((s) => [s.user, s.from.toISOString().slice(0, 10)])).toEqual([
      ['a', '2026-01-10'],
      ['b', '2026-01-11'],
      ['a', '2026-01-12'],
    ]);
  });
});

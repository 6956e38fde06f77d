import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../platform/errors.ts';
import { finalSchedule, layerShifts, type ScheduleDefinition, shiftAt } from './index.ts';

const window = { from: new Date('2026-01-01T00:00Z'), until: new Date('2026-01-02T00:00Z') };
const base: ScheduleDefinition = {
  ref: 'schedule:default/s',
  timeZone: 'Europe/Berlin',
  layers: [{ name: 'l', start: '2026-01-01T09:00', rotation: 'P1D', members: ['a'] }],
};
const withLayer = (change: object): ScheduleDefinition => ({
  ...base,
  layers: [{ ...(base.layers[0] as ScheduleDefinition['layers'][number]), ...change }],
});

function problem(run: () => unknown): StewardError {
  try {
    run();
  } catch (error) {
    if (error instanceof StewardError) return error;
    throw error;
  }
  throw new Error('expected an invalid error');
}

describe('schedule definitions are checked, every problem naming its field', () => {
  it.each([
    [{ ...base, timeZone: 'Berlin' }, /^spec\.timeZone: "Berlin" is not an IANA time zone/],
    [{ ...base, timeZone: '+02:00' }, /^spec\.timeZone: "\+02:00" is not an IANA time zone/],
    [
      withLayer({ start: '2026-02-30T09:00' }),
      /^spec\.layers\[0\]\.start: "2026-02-30T09:00" is not a wall time/,
    ],
    [withLayer({ start: '2026-01-01 09:00' }), /^spec\.layers\[0\]\.start: .*YYYY-MM-DDTHH:MM/],
    [withLayer({ start: '2026-01-01T24:00' }), /^spec\.layers\[0\]\.start: "2026-01-01T24:00" is not/],
    [withLayer({ start: '2026-01-01T09:00:60' }), /^spec\.layers\[0\]\.start: "2026-01-01T09:00:60" is not/],
    [withLayer({ rotation: 'P1M' }), /^spec\.layers\[0\]\.rotation: "P1M" is not a rotation length/],
    [withLayer({ members: 'alice' }), /^spec\.layers\[0\]\.members: expected a list/],
  ])('%#: %s', (definition, message) => {
    const error = problem(() => finalSchedule(definition as ScheduleDefinition, [], window));
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(message);
  });

  it('refuses a layer index the schedule does not have, and instants that are not dates', () => {
    expect(problem(() => layerShifts(base, 1, window)).message).toMatch(/^layerIndex: 1 is not a layer/);
    expect(problem(() => shiftAt(base, [], new Date('nonsense'))).message).toMatch(
      /^at: not a valid instant/,
    );
    const badOverride = { user: 'b', from: new Date('x'), until: window.until };
    expect(problem(() => finalSchedule(base, [badOverride], window)).message).toMatch(
      /^overrides\[0\]\.from: /,
    );
  });

  it('accepts seconds in the start and a schedule with no layers (overrides only)', () => {
    expect(layerShifts(withLayer({ start: '2026-01-01T09:00:30' }), 0, window)[0]?.from).toEqual(
      new Date('2026-01-01T08:00:30Z'),
    );
    const empty = { ...base, layers: [] };
    const cover = { user: 'b', from: new Date('2026-01-01T10:00Z'), until: new Date('2026-01-01T11:00Z') };
    expect(finalSchedule(empty, [cover], window)).toEqual([{ ...cover, layer: null }]);
  });

  it('gives an empty turn no shift where a zone skipped a whole day (Pacific/Apia, 2011-12-30)', () => {
    const apia = {
      ...withLayer({ start: '2011-12-28T09:00', members: ['a', 'b', 'c'] }),
      timeZone: 'Pacific/Apia',
    };
    const shifts = layerShifts(apia, 0, {
      from: new Date('2011-12-27T00:00Z'),
      until: new Date('2012-01-02T00:00Z'),
    });
    // Turns on the 28th (a), 29th (b), 30th (c: that date does not exist, so it is empty), 31st (a) …
    expect(shifts.map((s) => s.user)).toEqual(['a', 'b', 'a', 'b', 'c']);
    for (const shift of shifts) expect(shift.until.getTime()).toBeGreaterThan(shift.from.getTime());
  });
});

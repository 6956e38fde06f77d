// Random schedules for the property tests and the benchmark: several zones with odd DST rules, 1–3
// layers of mixed rotation lengths, restrictions (some past midnight or to 24:00) and overrides.
import fc from 'fast-check';
import type { Interval, Layer, Override, Restriction, ScheduleDefinition, Weekday } from './model.ts';
import { weekdays } from './model.ts';

export const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'America/Santiago',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'UTC',
];
export const rotations = ['PT8H', 'PT12H', 'P1D', 'P1W', 'P2W', 'P1DT12H', 'PT90M'];
const people = ['alice', 'bob', 'carol', 'dave', 'erin'];
const hour = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (halfHours: number) => `${pad(Math.floor(halfHours / 2))}:${halfHours % 2 ? '30' : '00'}`;

const restriction: fc.Arbitrary<Restriction> = fc
  .record({
    days: fc.subarray(weekdays as Weekday[], { minLength: 1 }),
    from: fc.integer({ min: 0, max: 47 }),
    to: fc.integer({ min: 1, max: 48 }),
  })
  .map(({ days, from, to }) => ({ days, from: clock(from), to: to === 48 ? '24:00' : clock(to) }));

const layer: fc.Arbitrary<Layer> = fc
  .record({
    day: fc.integer({ min: 0, max: 540 }),
    minute: fc.integer({ min: 0, max: 24 * 4 - 1 }),
    rotation: fc.constantFrom(...rotations),
    members: fc.uniqueArray(fc.constantFrom(...people), { minLength: 1, maxLength: 3 }),
    restrictions: fc.option(fc.array(restriction, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  })
  .map(({ day, minute, rotation, members, restrictions }) => {
    const date = new Date(Date.UTC(2025, 5, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const start = `${date}T${pad(Math.floor(minute / 4))}:${pad((minute % 4) * 15)}`;
    return {
      name: `layer-${day}-${minute}`,
      start,
      rotation,
      members,
      ...(restrictions ? { restrictions } : {}),
    };
  });

export const schedule: fc.Arbitrary<ScheduleDefinition> = fc.record({
  ref: fc.constant('schedule:default/generated'),
  timeZone: fc.constantFrom(...zones),
  layers: fc.array(layer, { minLength: 1, maxLength: 3 }),
});

/** A window of up to 40 days in 2026 (where the layers have mostly started). */
export const window: fc.Arbitrary<Interval> = fc
  .record({ start: fc.integer({ min: 0, max: 360 * 24 }), hours: fc.integer({ min: 1, max: 40 * 24 }) })
  .map(({ start, hours }) => {
    const from = Date.UTC(2026, 0, 1) + start * hour;
    return { from: new Date(from), until: new Date(from + hours * hour) };
  });

export function overridesIn(around: Interval): fc.Arbitrary<Override[]> {
  const span = around.until.getTime() - around.from.getTime();
  return fc.array(
    fc
      .record({
        user: fc.constantFrom(...people),
        at: fc.integer({ min: -span / 4, max: span }),
        length: fc.integer({ min: 1, max: 72 * 4 }),
      })
      .map(({ user, at, length }) => {
        const from = around.from.getTime() + Math.round(at / 900_000) * 900_000;
        return { user, from: new Date(from), until: new Date(from + length * 900_000) };
      }),
    { maxLength: 3 },
  );
}

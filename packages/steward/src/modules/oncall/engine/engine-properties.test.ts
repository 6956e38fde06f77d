// Properties that hold for any schedule, in zones with unusual DST rules (half-hour moves, southern
// hemisphere, no DST at all), checked on generated schedules, overrides and windows.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { finalSchedule, gaps, layerShifts, type Shift, shiftAt } from './index.ts';
import { overridesIn, schedule, window } from './schedule-generators.test-support.ts';

const runs = { numRuns: 150, seed: 20_261_205 };
const ms = (date: Date) => date.getTime();

describe('final schedule properties', () => {
  it('is sorted, without overlaps, inside the window, merged where it can be', () => {
    const input = window.chain((w) => fc.tuple(schedule, fc.constant(w), overridesIn(w)));
    fc.assert(
      fc.property(input, ([definition, w, overrides]) => {
        const shifts = finalSchedule(definition, overrides, w);
        shifts.forEach((shift, i) => {
          expect(ms(shift.from)).toBeLessThan(ms(shift.until));
          expect(ms(shift.from)).toBeGreaterThanOrEqual(ms(w.from));
          expect(ms(shift.until)).toBeLessThanOrEqual(ms(w.until));
          const previous = shifts[i - 1];
          if (!previous) return;
          expect(ms(previous.until)).toBeLessThanOrEqual(ms(shift.from));
          const touching = ms(previous.until) === ms(shift.from);
          expect(touching && previous.user === shift.user && previous.layer === shift.layer).toBe(false);
        });
        // What the final schedule covers and its gaps are the window, exactly.
        const pieces = [...shifts, ...gaps(definition, overrides, w)].sort((a, b) => ms(a.from) - ms(b.from));
        let covered = ms(w.from);
        for (const piece of pieces) {
          expect(ms(piece.from)).toBe(covered);
          covered = ms(piece.until);
        }
        expect(covered).toBe(ms(w.until));
      }),
      runs,
    );
  });

  it('agrees with shiftAt at every handoff and at random instants', () => {
    const input = window.chain((w) =>
      fc.tuple(
        schedule,
        fc.constant(w),
        overridesIn(w),
        fc.array(fc.integer({ min: ms(w.from), max: ms(w.until) - 1 }), { maxLength: 8 }),
      ),
    );
    fc.assert(
      fc.property(input, ([definition, w, overrides, instants]) => {
        const shifts = finalSchedule(definition, overrides, w);
        // Every handoff when there are few, else a spread of them (shiftAt is checked, not timed).
        const stride = Math.max(1, Math.floor(shifts.length / 12));
        const handoffs = shifts.filter((_, i) => i % stride === 0).map((shift) => ms(shift.from));
        const probes = [...instants, ...handoffs];
        for (const probe of probes) {
          const inFinal = shifts.find((s) => ms(s.from) <= probe && probe < ms(s.until)) ?? null;
          const found = shiftAt(definition, overrides, new Date(probe));
          expect(found && { user: found.user, layer: found.layer }).toEqual(
            inFinal && { user: inFinal.user, layer: inFinal.layer },
          );
          if (!found || !inFinal) continue;
          // The stretch, seen through the window, is exactly the final schedule's piece.
          expect(Math.max(ms(found.from), ms(w.from))).toBe(ms(inFinal.from));
          expect(Math.min(ms(found.until), ms(w.until))).toBe(ms(inFinal.until));
        }
      }),
      runs,
    );
  });
});

describe('layer properties', () => {
  it('without restrictions, shifts tile the window from the layer start, members in turn', () => {
    fc.assert(
      fc.property(schedule, window, (definition, w) => {
        definition.layers.forEach((layer, index) => {
          if (layer.restrictions) return;
          const start = Temporal.PlainDateTime.from(layer.start).toZonedDateTime(
            definition.timeZone,
          ).epochMilliseconds;
          const shifts = layerShifts(definition, index, w);
          if (start >= ms(w.until)) {
            expect(shifts).toEqual([]);
            return;
          }
          let covered = Math.max(start, ms(w.from));
          for (const shift of shifts) {
            expect(ms(shift.from)).toBe(covered);
            expect(ms(shift.until)).toBeGreaterThan(covered);
            covered = ms(shift.until);
          }
          expect(covered).toBe(ms(w.until));
          const turns = shifts.map((s) => s.user);
          for (let i = 1; i < turns.length; i++) {
            const m = layer.members;
            expect(m.indexOf(turns[i] as string)).toBe((m.indexOf(turns[i - 1] as string) + 1) % m.length);
          }
        });
      }),
      runs,
    );
  });

  it('day and week rotations hand off at the start wall time on the right dates', () => {
    const daysOf: Record<string, number> = { P1D: 1, P1W: 7, P2W: 14 };
    fc.assert(
      fc.property(schedule, window, (definition, w) => {
        definition.layers.forEach((layer, index) => {
          const days = daysOf[layer.rotation];
          if (!days || layer.restrictions) return;
          const start = Temporal.PlainDateTime.from(layer.start);
          const handoffs = layerShifts(definition, index, w)
            .slice(1)
            .map((shift: Shift) => shift.from);
          for (const handoff of handoffs) {
            const wall = Temporal.Instant.fromEpochMilliseconds(ms(handoff)).toZonedDateTimeISO(
              definition.timeZone,
            );
            // The handoff's date is a whole number of turns from the start date …
            const date = wall.toPlainDate();
            expect(start.toPlainDate().until(date).days % days).toBe(0);
            // … and it is the start's wall clock time on that date (moved forward only where the clock
            // skips that time that day).
            const expected = date.toPlainDateTime(start.toPlainTime()).toZonedDateTime(definition.timeZone);
            expect(wall.epochMilliseconds).toBe(expected.epochMilliseconds);
          }
        });
      }),
      runs,
    );
  });
});

describe('long windows', () => {
  it('a year of PT12H turns cut to weekday office hours gives two pieces each weekday of 2026', () => {
    const year = {
      ref: 'schedule:default/year',
      timeZone: 'UTC',
      layers: [
        {
          name: 'office',
          start: '2026-01-01T00:00',
          rotation: 'PT12H',
          members: ['alice', 'bob'],
          restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, from: '09:00', to: '17:00' }],
        },
      ],
    };
    const shifts = layerShifts(year, 0, {
      from: new Date('2026-01-01T00:00Z'),
      until: new Date('2027-01-01T00:00Z'),
    });
    // 2026 starts on a Thursday and has 52 weeks and a day: 261 weekdays; each 09:00–17:00 is cut at 12:00.
    expect(shifts).toHaveLength(2 * 261);
    expect(shifts.slice(0, 2).map((s) => [s.user, s.from.toISOString(), s.until.toISOString()])).toEqual([
      ['alice', '2026-01-01T09:00:00.000Z', '2026-01-01T12:00:00.000Z'],
      ['bob', '2026-01-01T12:00:00.000Z', '2026-01-01T17:00:00.000Z'],
    ]);
  });
});

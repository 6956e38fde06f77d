import { describe, expect, it } from 'vitest';
import { finalSchedule, gaps, type Override, type ScheduleDefinition, shiftAt } from './index.ts';

const at = (iso: string) => new Date(iso);
const day = 86_400_000;

// Primary: weekly from Mon 2026-01-05 09:00 UTC, alice then bob. Nights: carol, Monday 22:00–06:00,
// in P1D turns (so her night is two turns that must be merged into one shift).
const schedule: ScheduleDefinition = {
  ref: 'schedule:default/payments',
  timeZone: 'UTC',
  layers: [
    { name: 'primary', start: '2026-01-05T09:00', rotation: 'P1W', members: ['alice', 'bob'] },
    {
      name: 'nights',
      start: '2026-01-05T00:00',
      rotation: 'P1D',
      members: ['carol'],
      restrictions: [{ days: ['mon'], from: '22:00', to: '06:00' }],
    },
  ],
};
const overrides: Override[] = [
  { id: 'o1', user: 'dave', from: at('2026-01-06T05:00Z'), until: at('2026-01-06T10:00Z') },
  { id: 'o2', user: 'erin', from: at('2026-01-06T09:00Z'), until: at('2026-01-06T09:30Z') },
];
const window = { from: at('2026-01-05T00:00Z'), until: at('2026-01-07T00:00Z') };
const rows = (shifts: { user: string; from: Date; until: Date; layer: string | null }[]) =>
  shifts.map((s) => [s.user, s.from.toISOString().slice(5, 16), s.until.toISOString().slice(5, 16), s.layer]);

describe('finalSchedule', () => {
  it('stacks layers (later wins where it has someone), overrides on top (later wins), merged', () => {
    expect(rows(finalSchedule(schedule, overrides, window))).toEqual([
      ['alice', '01-05T09:00', '01-05T22:00', 'primary'],
      ['carol', '01-05T22:00', '01-06T05:00', 'nights'],
      ['dave', '01-06T05:00', '01-06T09:00', null],
      ['erin', '01-06T09:00', '01-06T09:30', null],
      ['dave', '01-06T09:30', '01-06T10:00', null],
      ['alice', '01-06T10:00', '01-07T00:00', 'primary'],
    ]);
  });

  it('clips overrides and shifts to the window and ignores overrides outside it', () => {
    const outside: Override = { user: 'zed', from: at('2026-02-01T00:00Z'), until: at('2026-02-02T00:00Z') };
    const shifts = finalSchedule(schedule, [...overrides, outside], {
      from: at('2026-01-06T08:00Z'),
      until: at('2026-01-06T12:00Z'),
    });
    expect(rows(shifts)).toEqual([
      ['dave', '01-06T08:00', '01-06T09:00', null],
      ['erin', '01-06T09:00', '01-06T09:30', null],
      ['dave', '01-06T09:30', '01-06T10:00', null],
      ['alice', '01-06T10:00', '01-06T12:00', 'primary'],
    ]);
  });

  it('gives nothing for an empty or reversed window', () => {
    expect(finalSchedule(schedule, overrides, { from: window.until, until: window.from })).toEqual([]);
  });
});

describe('gaps', () => {
  it('is where nobody is: before the primary layer starts', () => {
    expect(
      gaps(schedule, overrides, window).map((g) => [g.from.toISOString(), g.until.toISOString()]),
    ).toEqual([['2026-01-05T00:00:00.000Z', '2026-01-05T09:00:00.000Z']]);
  });

  it('is closed by an override', () => {
    const cover = { user: 'dave', from: at('2026-01-04T00:00Z'), until: at('2026-01-05T09:00Z') };
    expect(gaps(schedule, [cover], window)).toEqual([]);
  });
});

describe('shiftAt', () => {
  it('gives the whole unbroken stretch, however far it reaches beyond the first look', () => {
    // alice from the end of dave's override until bob takes over on Mon 2026-01-12 09:00.
    expect(shiftAt(schedule, overrides, at('2026-01-06T12:00Z'))).toEqual({
      user: 'alice',
      from: at('2026-01-06T10:00Z'),
      until: at('2026-01-12T09:00Z'),
      layer: 'primary',
    });
  });

  it('names the restricted layer and the override where they win', () => {
    expect(shiftAt(schedule, overrides, at('2026-01-06T02:00Z'))).toEqual({
      user: 'carol',
      from: at('2026-01-05T22:00Z'),
      until: at('2026-01-06T05:00Z'),
      layer: 'nights',
    });
    expect(shiftAt(schedule, overrides, at('2026-01-06T09:15Z'))?.user).toBe('erin');
    expect(shiftAt(schedule, overrides, at('2026-01-06T09:30Z'))?.user).toBe('dave');
  });

  it('is null where nobody is on call', () => {
    expect(shiftAt(schedule, overrides, at('2026-01-05T03:00Z'))).toBeNull();
  });

  it('follows a one-person layer back to its start and a year ahead', () => {
    const alone: ScheduleDefinition = {
      ref: 'schedule:default/alone',
      timeZone: 'Europe/Berlin',
      layers: [{ name: 'only', start: '2026-01-05T09:00', rotation: 'P1W', members: ['solo'] }],
    };
    const shift = shiftAt(alone, [], at('2026-03-01T00:00Z'));
    expect(shift?.from).toEqual(at('2026-01-05T08:00Z'));
    expect(shift?.until.getTime()).toBeGreaterThanOrEqual(at('2026-03-01T00:00Z').getTime() + 365 * day);
  });
});

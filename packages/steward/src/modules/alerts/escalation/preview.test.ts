import { describe, expect, it } from 'vitest';
import type { EscalationPolicyPlan } from './model.ts';
import { firstPosition } from './plan.ts';
import { previewEscalation } from './preview.ts';
import { readPosition, storePosition } from './stored-position.ts';

const minutes = (n: number) => n * 60_000;
const t0 = new Date('2026-03-06T10:00:00Z');
const at = (m: number) => new Date(t0.getTime() + minutes(m));
const payments: EscalationPolicyPlan = {
  ref: 'escalationpolicy:default/payments',
  repeat: 1,
  steps: [
    { notify: ['schedule:payments-primary'], escalateAfterMs: minutes(15), strategy: 'all' },
    { notify: ['user:carol'], escalateAfterMs: minutes(30), strategy: 'all' },
  ],
};

describe('previewEscalation', () => {
  it('lists every turn of a policy nobody acknowledges, ending with its exhaustion', () => {
    const turns = previewEscalation({ policy: payments, reach: [['user:alice'], ['user:carol']], from: t0 });
    expect(turns.map(({ at, level, run, people }) => ({ at, level, run, people }))).toEqual([
      { at: t0, level: 1, run: 0, people: ['user:alice'] },
      { at: at(15), level: 2, run: 0, people: ['user:carol'] },
      { at: at(45), level: 1, run: 1, people: ['user:alice'] },
      { at: at(60), level: 2, run: 1, people: ['user:carol'] },
      { at: at(90), level: 1, run: 2, people: [] },
    ]);
    expect(turns.at(-1)?.hop).toBe('policy payments exhausted after 2 runs, nobody acknowledged');
  });

  it('shows a low-urgency alert waiting for working hours before each step', () => {
    // Friday 2026-03-06 16:50 in Berlin (15:50 UTC): step 1 at once, step 2 at 17:05 waits for Monday.
    const office = {
      timeZone: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
      from: '09:00',
      to: '17:00',
    };
    const policy = { ...payments, repeat: 0, workingHours: office };
    const from = new Date('2026-03-06T15:50:00Z');
    const turns = previewEscalation({
      policy,
      reach: [['user:alice'], ['user:carol']],
      from,
      urgency: 'low',
    });
    expect(turns.map((turn) => [turn.at.toISOString(), turn.people])).toEqual([
      ['2026-03-06T15:50:00.000Z', ['user:alice']],
      ['2026-03-06T16:05:00.000Z', []],
      ['2026-03-09T08:00:00.000Z', ['user:carol']],
      ['2026-03-09T08:30:00.000Z', []],
    ]);
  });
});

describe('stored positions', () => {
  it('round-trip through JSON and refuse a row that is not one, naming the field', () => {
    const position = { ...firstPosition(t0), level: 2, at: at(15) };
    expect(readPosition(JSON.parse(JSON.stringify(storePosition(position))))).toEqual(position);
    expect(() => readPosition({ ...storePosition(position), level: 0 })).toThrow(/level/);
  });
});

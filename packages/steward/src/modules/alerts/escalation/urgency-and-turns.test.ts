import { describe, expect, it } from 'vitest';
import type { AlertForEscalation, EscalationPolicyPlan, RoundRobinCursors, WorkingHours } from './model.ts';
import { firstPosition, planEscalation } from './plan.ts';

const office = {
  timeZone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
  from: '09:00',
  to: '17:00',
};
const policy: EscalationPolicyPlan = {
  ref: 'escalationpolicy:default/payments',
  repeat: 0,
  steps: [{ notify: ['schedule:payments-primary'], escalateAfterMs: 15 * 60_000, strategy: 'all' }],
  workingHours: office,
};
const alert = (id: string, urgency: 'high' | 'low'): AlertForEscalation => ({
  id,
  urgency,
  state: 'triggered',
  acknowledgedAt: null,
});

describe('low urgency and working hours', () => {
  // 2026-03-06 is a Friday; Berlin is UTC+1 until the last Sunday of March.
  const fridayNight = new Date('2026-03-06T21:00:00Z');

  it('waits from 22:00 on Friday until Monday 09:00 in Europe/Berlin, then notifies', () => {
    const plan = planEscalation({
      policy,
      alert: alert('a1', 'low'),
      position: firstPosition(fridayNight),
      reach: [['user:alice']],
      cursors: {},
      now: fridayNight,
    });
    const monday = new Date('2026-03-09T08:00:00Z');
    expect(plan.notify).toEqual([]);
    expect(plan.next).toEqual({ level: 1, run: 0, at: monday, startRun: 0, startedAt: fridayNight });
    expect(plan.hop).toBe(
      'low urgency outside working hours (Mon–Fri 09:00–17:00 Europe/Berlin): nobody is notified until Mon 2026-03-09 09:00 Europe/Berlin',
    );
    const later = planEscalation({
      policy,
      alert: alert('a1', 'low'),
      position: plan.next ?? firstPosition(monday),
      reach: [['user:alice']],
      cursors: {},
      now: monday,
    });
    expect(later.notify.map((n) => n.idempotencyKey)).toEqual(['a1:0:1:user:alice']);
  });

  it('pages high urgency at any hour', () => {
    const plan = planEscalation({
      policy,
      alert: alert('a2', 'high'),
      position: firstPosition(fridayNight),
      reach: [['user:alice']],
      cursors: {},
      now: fridayNight,
    });
    expect(plan.notify.map((n) => n.person)).toEqual(['user:alice']);
  });

  it('waits for Monday 09:00 wall time across the spring daylight-saving change', () => {
    // Clocks go forward on Sunday 2026-03-29: Monday 09:00 in Berlin is 07:00 UTC, not 08:00.
    const friday = new Date('2026-03-27T21:00:00Z');
    const plan = planEscalation({
      policy,
      alert: alert('a3', 'low'),
      position: firstPosition(friday),
      reach: [['user:alice']],
      cursors: {},
      now: friday,
    });
    expect(plan.next?.at).toEqual(new Date('2026-03-30T07:00:00Z'));
    expect(plan.hop).toContain('until Mon 2026-03-30 09:00 Europe/Berlin');
  });

  it('pages low urgency at once inside working hours, and when the hours name no day', () => {
    const tuesday = new Date('2026-03-10T10:00:00Z');
    const now = (hours: WorkingHours | null, at: Date) =>
      planEscalation({
        policy: { ...policy, workingHours: hours },
        alert: alert('a4', 'low'),
        position: firstPosition(at),
        reach: [['user:alice']],
        cursors: {},
        now: at,
      }).notify.map((n) => n.person);
    expect(now(office, tuesday)).toEqual(['user:alice']);
    expect(now({ ...office, days: [] }, fridayNight)).toEqual(['user:alice']);
    expect(now(null, fridayNight)).toEqual(['user:alice']);
  });
});

describe('round robin', () => {
  it('gives three alerts one person each, in turn, carrying the cursor from one to the next', () => {
    const roundRobin: EscalationPolicyPlan = {
      ref: 'escalationpolicy:default/support',
      repeat: 0,
      steps: [
        { notify: ['user:lead'], escalateAfterMs: 60_000, strategy: 'all' },
        { notify: ['group:support'], escalateAfterMs: 60_000, strategy: 'round-robin' },
      ],
    };
    const now = new Date('2026-03-06T10:00:00Z');
    const reach = [[], ['user:ann', 'user:ben']];
    let cursors: RoundRobinCursors = { 2: 0 };
    const people: string[] = [];
    for (const id of ['a1', 'a2', 'a3']) {
      const plan = planEscalation({
        policy: roundRobin,
        alert: alert(id, 'high'),
        position: firstPosition(now),
        reach,
        cursors,
        now,
      });
      people.push(...plan.notify.map((n) => `${n.idempotencyKey}`));
      cursors = plan.cursors;
    }
    expect(people).toEqual(['a1:0:2:user:ann', 'a2:0:2:user:ben', 'a3:0:2:user:ann']);
    expect(cursors).toEqual({ 2: 3 });
  });
  it('takes the next person in turn when the policy comes back to the step for the same alert', () => {
    const support: EscalationPolicyPlan = {
      ref: 'escalationpolicy:default/support',
      repeat: 1,
      steps: [{ notify: ['group:support'], escalateAfterMs: 60_000, strategy: 'round-robin' }],
    };
    const now = new Date('2026-03-06T10:00:00Z');
    const reach = [['user:ann', 'user:ben']];
    const first = planEscalation({
      policy: support,
      alert: alert('a1', 'high'),
      position: firstPosition(now),
      reach,
      cursors: {},
      now,
    });
    const next = first.next ?? firstPosition(now);
    const again = planEscalation({
      policy: support,
      alert: alert('a1', 'high'),
      position: next,
      reach,
      cursors: first.cursors,
      now: next.at,
    });
    expect([...first.notify, ...again.notify].map((n) => n.idempotencyKey)).toEqual([
      'a1:0:1:user:ann',
      'a1:1:1:user:ben',
    ]);
    expect(again.hop).toContain('notifying user:ben (round robin: their turn)');
  });
});

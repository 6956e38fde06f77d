// Random policies and alert histories driven the way the alerts job drives the planner: a job at each
// `next.at` (sometimes run twice, as a retried job is) and a call when the alert is acknowledged. The job
// keeps only the position the planner last returned; a job planned for another position does nothing.
import { describe, expect, it } from 'vitest';
import { isWithinWorkingHours } from '../../oncall/index.ts';
import type {
  AlertForEscalation,
  EscalationPolicyPlan,
  EscalationPosition,
  RoundRobinCursors,
} from './model.ts';
import { firstPosition, planEscalation } from './plan.ts';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const minute = 60_000;
const people = ['user:ann', 'user:ben', 'user:cat', 'user:dan'];
const hours = {
  timeZone: 'America/New_York',
  days: ['mon', 'wed', 'fri'] as const,
  from: '09:00',
  to: '17:00',
};

function randomPolicy(next: () => number): EscalationPolicyPlan {
  const steps = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
    notify: ['schedule:x'],
    escalateAfterMs: (1 + Math.floor(next() * 40)) * minute,
    strategy: next() < 0.3 ? ('round-robin' as const) : ('all' as const),
  }));
  return {
    ref: 'escalationpolicy:default/p',
    repeat: Math.floor(next() * 3),
    steps,
    ...(next() < 0.5 ? { acknowledgeTimeoutMs: (5 + Math.floor(next() * 90)) * minute } : {}),
    ...(next() < 0.4 ? { workingHours: hours } : {}),
  };
}

function trial(seed: number) {
  const next = random(seed);
  const policy = randomPolicy(next);
  const start = new Date(Date.UTC(2026, 2, 1 + Math.floor(next() * 60), Math.floor(next() * 24)));
  const urgency = next() < 0.5 ? ('low' as const) : ('high' as const);
  const ackAt = next() < 0.6 ? new Date(start.getTime() + Math.floor(next() * 300) * minute) : null;
  const resolvedAt = next() < 0.6 ? new Date(start.getTime() + Math.floor(next() * 600) * minute) : null;
  const alertAt = (now: Date): AlertForEscalation => {
    if (resolvedAt && now >= resolvedAt)
      return { id: 'a', urgency, state: 'resolved', acknowledgedAt: ackAt };
    if (ackAt && now >= ackAt) return { id: 'a', urgency, state: 'acknowledged', acknowledgedAt: ackAt };
    return { id: 'a', urgency, state: 'triggered', acknowledgedAt: null };
  };
  // Schedules change: each look sees a fresh, possibly empty, set of people per step.
  const reach = () => policy.steps.map(() => people.filter(() => next() < 0.4));

  const sent: { key: string; at: Date }[] = [];
  let stored: EscalationPosition | null = firstPosition(start);
  let cursors: RoundRobinCursors = {};
  const look = (position: EscalationPosition, now: Date) => {
    const input = { policy, alert: alertAt(now), position, reach: reach(), cursors, now };
    const plan = planEscalation(input);
    if (next() < 0.2) expect(planEscalation(input)).toEqual(plan); // a retried job decides the same
    for (const n of plan.notify) sent.push({ key: n.idempotencyKey, at: now });
    stored = plan.next;
    cursors = plan.cursors;
  };
  let ackSeen = false;
  for (let guard = 0; stored && guard < 200; guard++) {
    const due: Date = stored.at;
    if (ackAt && !ackSeen && ackAt <= due) {
      ackSeen = true;
      look(stored, ackAt);
      continue;
    }
    look(stored, due);
  }
  return { policy, urgency, ackAt, resolvedAt, sent, finished: stored === null };
}

describe('planEscalation, for random policies and histories', () => {
  it('never notifies a (run, level, person) twice, nor after resolve, nor while an acknowledgement holds', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const { policy, urgency, ackAt, resolvedAt, sent, finished } = trial(seed);
      const keys = sent.map((s) => s.key);
      expect(new Set(keys).size, `seed ${seed}: ${keys.join(' ')}`).toBe(keys.length);
      for (const { key, at } of sent) {
        if (resolvedAt) expect(at < resolvedAt, `seed ${seed}: ${key} after resolve`).toBe(true);
        if (ackAt && at >= ackAt) {
          const timeout = policy.acknowledgeTimeoutMs;
          expect(timeout != null && at.getTime() >= ackAt.getTime() + timeout, `seed ${seed}: ${key}`).toBe(
            true,
          );
        }
        if (urgency === 'low' && policy.workingHours)
          expect(isWithinWorkingHours(policy.workingHours, at)).toBe(true);
      }
      expect(finished, `seed ${seed} still escalating after 200 looks`).toBe(true);
    }
  });
});

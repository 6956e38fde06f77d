import { describe, expect, it } from 'vitest';
import type { EscalationPolicyView } from '../../oncall/index.ts';
import type {
  AlertForEscalation,
  EscalationPlan,
  EscalationPolicyPlan,
  EscalationPosition,
} from './model.ts';
import { firstPosition, planEscalation } from './plan.ts';

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
const reach = [['user:alice'], ['user:carol']];
const triggered: AlertForEscalation = { id: 'a1', urgency: 'high', state: 'triggered', acknowledgedAt: null };

function step(
  position: EscalationPosition,
  now: Date,
  alert: AlertForEscalation = triggered,
  policy = payments,
): EscalationPlan {
  return planEscalation({ policy, alert, position, reach, cursors: {}, now });
}

describe('planEscalation', () => {
  it('walks two steps, runs the policy once more, then says it is exhausted', () => {
    const first = step(firstPosition(t0), t0);
    expect(first.notify).toEqual([
      { person: 'user:alice', level: 1, run: 0, idempotencyKey: 'a1:0:1:user:alice' },
    ]);
    expect(first.next).toEqual({ level: 2, run: 0, at: at(15), startRun: 0, startedAt: t0 });
    expect(first.hop).toBe(
      'step 1 (run 1 of 2): notifying user:alice; unless acknowledged, step 2 at 2026-03-06 10:15 UTC',
    );

    const second = step(first.next as EscalationPosition, at(15));
    expect(second.notify.map((n) => n.idempotencyKey)).toEqual(['a1:0:2:user:carol']);
    // The last step's escalateAfter (30 min) is how long before the policy runs again.
    expect(second.next).toMatchObject({ level: 1, run: 1, at: at(45) });
    expect(second.hop).toContain('the policy runs again from step 1 at 2026-03-06 10:45 UTC');

    const third = step(second.next as EscalationPosition, at(45));
    expect(third.notify.map((n) => n.idempotencyKey)).toEqual(['a1:1:1:user:alice']);
    expect(third.next).toMatchObject({ level: 2, run: 1, at: at(60) });

    const fourth = step(third.next as EscalationPosition, at(60));
    expect(fourth.notify.map((n) => n.idempotencyKey)).toEqual(['a1:1:2:user:carol']);
    expect(fourth.next).toMatchObject({ level: 1, run: 2, at: at(90) });
    expect(fourth.hop).toBe(
      'step 2 (run 2 of 2): notifying user:carol; this is the last step of the last run: ' +
        'if nobody acknowledges by 2026-03-06 11:30 UTC, escalation ends there',
    );

    const last = step(fourth.next as EscalationPosition, at(90));
    expect(last).toEqual({
      notify: [],
      next: null,
      cursors: {},
      hop: 'policy payments exhausted after 2 runs, nobody acknowledged',
    });
  });

  it('notifies nobody before a step is due, and gives the same answer when a job runs twice', () => {
    const early = step({ level: 2, run: 0, at: at(15), startRun: 0, startedAt: t0 }, at(10));
    expect(early.notify).toEqual([]);
    expect(early.next).toMatchObject({ level: 2, run: 0, at: at(15) });
    const position = { level: 2, run: 0, at: at(15), startRun: 0, startedAt: t0 };
    expect(step(position, at(15))).toEqual(step(position, at(15)));
  });

  it('stops at an acknowledgement when the policy has no acknowledge timeout', () => {
    const acked = {
      ...triggered,
      state: 'acknowledged' as const,
      acknowledgedAt: at(5),
      acknowledgedBy: 'user:alice',
    };
    const plan = step({ level: 2, run: 0, at: at(15), startRun: 0, startedAt: t0 }, at(15), acked);
    expect(plan).toEqual({
      notify: [],
      next: null,
      cursors: {},
      hop: 'acknowledged by user:alice at 2026-03-06 10:05 UTC: escalation stopped',
    });
  });

  it('escalates again from step 1, in a new run with its own repeats, when an acknowledgement times out', () => {
    const policy = { ...payments, acknowledgeTimeoutMs: minutes(60) };
    const acked = { ...triggered, state: 'acknowledged' as const, acknowledgedAt: at(5) };
    const paused = step({ level: 2, run: 0, at: at(15), startRun: 0, startedAt: t0 }, at(15), acked, policy);
    expect(paused.notify).toEqual([]);
    expect(paused.next).toEqual({ level: 1, run: 1, at: at(65), startRun: 1, startedAt: at(65) });
    expect(paused.hop).toContain(
      'if it is not resolved by 2026-03-06 11:05 UTC, it starts again from step 1',
    );

    const again = step(paused.next as EscalationPosition, at(65), acked, policy);
    expect(again.notify.map((n) => n.idempotencyKey)).toEqual(['a1:1:1:user:alice']);
    expect(again.hop).toContain('not resolved within 1 h: escalating again from step 1');
    // The old acknowledgement does not hold the new escalation: step 2, then repeat 1 counted from run 1.
    const next = step(again.next as EscalationPosition, at(80), acked, policy);
    expect(next.notify.map((n) => n.idempotencyKey)).toEqual(['a1:1:2:user:carol']);
    expect(next.next).toMatchObject({ level: 1, run: 2, at: at(110) });
    const repeated = step(next.next as EscalationPosition, at(110), acked, policy);
    expect(repeated.notify.map((n) => n.idempotencyKey)).toEqual(['a1:2:1:user:alice']);
  });

  it('re-escalates at once when the acknowledgement ran out before the job looked', () => {
    const policy = { ...payments, acknowledgeTimeoutMs: minutes(10) };
    const acked = { ...triggered, state: 'acknowledged' as const, acknowledgedAt: at(1) };
    const plan = step({ level: 2, run: 0, at: at(15), startRun: 0, startedAt: t0 }, at(15), acked, policy);
    expect(plan.notify.map((n) => n.idempotencyKey)).toEqual(['a1:1:1:user:alice']);
    expect(plan.next).toEqual({ level: 2, run: 1, at: at(30), startRun: 1, startedAt: at(11) });
  });

  it('stops everything once resolved, whatever the position', () => {
    const resolved = { ...triggered, state: 'resolved' as const };
    for (const position of [
      firstPosition(t0),
      { level: 2, run: 1, at: at(60), startRun: 0, startedAt: t0 },
    ]) {
      expect(step(position, at(60), resolved)).toMatchObject({ notify: [], next: null });
    }
  });

  it('skips a step that reaches nobody and hands over to the next at once', () => {
    const plan = planEscalation({
      policy: payments,
      alert: triggered,
      position: firstPosition(t0),
      reach: [[], ['user:carol']],
      cursors: {},
      now: t0,
    });
    expect(plan.notify.map((n) => n.idempotencyKey)).toEqual(['a1:0:2:user:carol']);
    expect(plan.next).toMatchObject({ level: 1, run: 1, at: at(30) });
    expect(plan.hop).toBe(
      'step 1 (schedule:payments-primary) reaches nobody now: on to step 2 at once; ' +
        'step 2 (run 1 of 2): notifying user:carol; unless acknowledged, the policy runs again from step 1 at 2026-03-06 10:30 UTC',
    );
  });

  it('says the policy is exhausted when no step of any run reaches anyone', () => {
    const plan = planEscalation({
      policy: { ...payments, repeat: 0 },
      alert: triggered,
      position: firstPosition(t0),
      reach: [[], []],
      cursors: {},
      now: t0,
    });
    expect(plan.notify).toEqual([]);
    expect(plan.next).toBeNull();
    expect(plan.hop).toBe(
      'step 1 (schedule:payments-primary) reaches nobody now: on to step 2 at once; step 2 (user:carol) reaches ' +
        'nobody now; policy payments exhausted after 1 run, nobody acknowledged or could be reached',
    );
  });

  it('notifies everyone a step reaches once, even when two refs reach the same person', () => {
    const plan = planEscalation({
      policy: payments,
      alert: triggered,
      position: firstPosition(t0),
      reach: [['user:alice', 'user:bob', 'user:alice'], []],
      cursors: {},
      now: t0,
    });
    expect(plan.notify.map((n) => n.person)).toEqual(['user:alice', 'user:bob']);
  });

  it("takes the oncall module's policy view as it is, nulls included", () => {
    const view: EscalationPolicyView = {
      ref: 'escalationpolicy:default/payments',
      owner: 'group:default/payments',
      repeat: 0,
      steps: [{ notify: ['user:default/carol'], escalateAfterMs: minutes(30), strategy: 'all' }],
      acknowledgeTimeoutMs: null,
      workingHours: null,
    };
    const acked = { ...triggered, state: 'acknowledged' as const, acknowledgedAt: at(1) };
    const plan = planEscalation({
      policy: view,
      alert: acked,
      position: firstPosition(t0),
      reach,
      cursors: {},
      now: at(2),
    });
    expect(plan).toMatchObject({ notify: [], next: null });
  });

  it('gives times in the zone the team reads them in', () => {
    const plan = planEscalation({
      policy: payments,
      alert: triggered,
      position: firstPosition(t0),
      reach,
      cursors: {},
      now: t0,
      timeZone: 'Europe/Berlin',
    });
    expect(plan.hop).toBe(
      'step 1 (run 1 of 2): notifying user:alice; unless acknowledged, step 2 at Fri 2026-03-06 11:15 Europe/Berlin',
    );
  });
});

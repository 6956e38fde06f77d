// What the escalation planner reads and answers. Plain data, so the job that runs it can store the answer
// and run the planner again at `next.at` with the position it got back.
//
// How a caller drives it (what keeps "each alert pages once" true):
// - keep the alert's position; start with firstPosition(createdAt); after each call store `next` (keep the
//   position given when `next` is null), the notifications and `cursors` in one transaction;
// - run it in a job at `next.at`, keyed by alert, run, level and at; a job whose position is no longer the
//   stored one does nothing (an acknowledgement moves the position);
// - call it also when the alert is acknowledged or resolved, with the stored position: it answers the pause
//   and when escalation starts again, even after the policy was exhausted;
// - serialise calls per policy when it has a round-robin step: the cursor is shared by its alerts;
// - deliver each notification under its idempotency key: a retried job decides the same people again.

import type { Weekday } from '../../oncall/index.ts';

export type { Weekday };

/** Wall time in `timeZone`; `to` <= `from` wraps past midnight, "24:00" is allowed as `to`. */
export interface WorkingHours {
  timeZone: string;
  days: readonly Weekday[];
  from: string;
  to: string;
}

export interface EscalationStep {
  /** Refs as the policy names them (schedule:x, user:y, group:z); the people they reach come in `reach`. */
  notify: readonly string[];
  escalateAfterMs: number;
  strategy: 'all' | 'round-robin';
}

export interface EscalationPolicyPlan {
  ref: string;
  /** Runs of the whole policy after the first while nobody acknowledges. */
  repeat: number;
  steps: readonly EscalationStep[];
  /** An acknowledged alert not resolved within it escalates again from step 1. */
  acknowledgeTimeoutMs?: number | null;
  /** Low-urgency alerts wait for them; high urgency pages at any hour. */
  workingHours?: WorkingHours | null;
}

export type Urgency = 'high' | 'low';

export interface AlertForEscalation {
  id: string;
  urgency: Urgency;
  state: 'triggered' | 'acknowledged' | 'resolved';
  acknowledgedAt: Date | null;
  acknowledgedBy?: string | null;
}

/**
 * Where an alert's escalation stands. `level` 1 is the first step; `run` 0 the first pass. `startRun` and
 * `startedAt` say where the current escalation began (the alert's creation, or the moment an
 * acknowledgement ran out): repeats are counted from `startRun`, and an acknowledgement made at or after
 * `startedAt` holds this escalation.
 */
export interface EscalationPosition {
  level: number;
  run: number;
  /** When this step is due. */
  at: Date;
  startRun: number;
  startedAt: Date;
}

/** The next turn of each round-robin step, by level, shared by all the alerts of one policy. */
export type RoundRobinCursors = Readonly<Record<number, number>>;

export interface EscalationInput {
  policy: EscalationPolicyPlan;
  alert: AlertForEscalation;
  position: EscalationPosition;
  /** The people each step reaches now (index 0 is level 1), resolved by the oncall module. */
  reach: readonly (readonly string[])[];
  cursors: RoundRobinCursors;
  now: Date;
  /** The zone hop texts give times in (the team's); UTC when absent. */
  timeZone?: string | undefined;
}

export interface EscalationNotification {
  person: string;
  level: number;
  run: number;
  /** `${alertId}:${run}:${level}:${person}`: a job run twice never notifies twice. */
  idempotencyKey: string;
}

export interface EscalationPlan {
  notify: EscalationNotification[];
  /** Run the planner again then, with this position; null when escalation is over. */
  next: EscalationPosition | null;
  cursors: RoundRobinCursors;
  /** What was decided and why, in words an on-call engineer woken at night understands. */
  hop: string;
}

// What a policy would do if nobody acknowledged: every notification and when, for the portal's policy page
// and `steward` commands that explain a policy. The planner itself answers each turn, so the preview
// cannot drift from what escalation really does.
import type { EscalationPolicyPlan, RoundRobinCursors, Urgency } from './model.ts';
import { firstPosition, planEscalation } from './plan.ts';

export interface PreviewTurn {
  at: Date;
  level: number;
  run: number;
  people: string[];
  hop: string;
}

/** Each turn until the policy is exhausted; `reach` is taken as constant over the whole escalation. */
export function previewEscalation(options: {
  policy: EscalationPolicyPlan;
  reach: readonly (readonly string[])[];
  from: Date;
  urgency?: Urgency;
  cursors?: RoundRobinCursors;
  timeZone?: string;
}): PreviewTurn[] {
  const alert = {
    id: 'preview',
    urgency: options.urgency ?? 'high',
    state: 'triggered' as const,
    acknowledgedAt: null,
  };
  let cursors = options.cursors ?? {};
  let position = firstPosition(options.from);
  const turns: PreviewTurn[] = [];
  // Every call notifies a step, waits for working hours or ends; two calls per step and run bound it.
  const limit = 2 * options.policy.steps.length * (options.policy.repeat + 2);
  for (let i = 0; i < limit; i++) {
    const plan = planEscalation({
      policy: options.policy,
      alert,
      position,
      reach: options.reach,
      cursors,
      now: position.at,
      timeZone: options.timeZone,
    });
    const first = plan.notify[0];
    const level = first?.level ?? position.level;
    const run = first?.run ?? position.run;
    turns.push({ at: position.at, level, run, people: plan.notify.map((n) => n.person), hop: plan.hop });
    if (!plan.next) break;
    position = plan.next;
    cursors = plan.cursors;
  }
  return turns;
}

// The escalation planner: given where an alert's escalation stands and who each step reaches now, it says
// whom to notify now and when to look again. Pure: the caller stores the answer and schedules `next.at`.

import { nextWorkingHoursStart } from '../../oncall/index.ts';
import { describeDuration, describeInstant, describeWorkingHours, policyName } from './hop-text.ts';
import type {
  EscalationInput,
  EscalationNotification,
  EscalationPlan,
  EscalationPosition,
  RoundRobinCursors,
} from './model.ts';

/** Where a new alert's escalation starts: step 1 of run 0, due when the alert was created. */
export function firstPosition(createdAt: Date): EscalationPosition {
  return { level: 1, run: 0, at: createdAt, startRun: 0, startedAt: createdAt };
}

export function planEscalation(input: EscalationInput): EscalationPlan {
  const { policy, alert, now } = input;
  if (policy.steps.length === 0)
    return stop(input, `policy ${policyName(policy.ref)} has no steps: nobody can be notified`);
  if (alert.state === 'resolved') return stop(input, 'resolved: escalation stopped, nobody else is notified');
  // The policy may have lost steps since this position was planned: its next run starts over.
  const planned = input.position;
  const normal =
    planned.level > policy.steps.length ? { ...planned, level: 1, run: planned.run + 1 } : planned;
  const held = holdForAcknowledgement(input, normal);
  if ('hop' in held) return held;
  const position = held;
  if (now < position.at)
    return wait(
      input,
      position,
      `step ${position.level} is due at ${describeInstant(position.at, input.timeZone)}`,
    );
  if (position.run > position.startRun + policy.repeat) return stop(input, exhausted(input, position));

  const hops: string[] = [];
  const restarting = position.startRun > 0 && position.run === position.startRun && position.level === 1;
  if (alert.state === 'acknowledged' && restarting) hops.push(acknowledgementRanOut(input));
  const hours = policy.workingHours;
  // Working hours that name no day never open: low urgency then pages like high rather than never.
  const opens =
    alert.urgency === 'low' && hours && hours.days.length > 0 ? nextWorkingHoursStart(hours, now) : now;
  if (hours && opens > now) {
    const until = describeInstant(opens, hours.timeZone);
    hops.push(
      `low urgency outside working hours (${describeWorkingHours(hours)}): nobody is notified until ${until}`,
    );
    return wait(input, { ...position, at: opens }, hops.join('; '));
  }
  return walkSteps(input, position, hops);
}

/** The plan when an acknowledgement holds this escalation, else the position to go on from. */
function holdForAcknowledgement(
  input: EscalationInput,
  position: EscalationPosition,
): EscalationPlan | EscalationPosition {
  const { alert, policy, now } = input;
  const ackAt = alert.acknowledgedAt;
  // An acknowledgement older than this escalation ran out already: it is what started it.
  if (alert.state !== 'acknowledged' || !ackAt || ackAt < position.startedAt) return position;
  if (policy.acknowledgeTimeoutMs == null)
    return stop(input, `${acknowledgedText(alert, input.timeZone)}: escalation stopped`);
  const deadline = new Date(ackAt.getTime() + policy.acknowledgeTimeoutMs);
  const restart = {
    level: 1,
    run: position.run + 1,
    at: deadline,
    startRun: position.run + 1,
    startedAt: deadline,
  };
  if (now >= deadline) return restart;
  const hop = `${acknowledgedText(alert, input.timeZone)}: escalation paused; if it is not resolved by ${describeInstant(deadline, input.timeZone)}, it starts again from step 1`;
  return wait(input, restart, hop);
}

/** Notifies the step due now; a step that reaches nobody hands over at once (runs are finite, so this ends). */
function walkSteps(input: EscalationInput, start: EscalationPosition, hops: string[]): EscalationPlan {
  const { policy, alert, now } = input;
  let position = start;
  for (;;) {
    const step = policy.steps[position.level - 1] ?? { notify: [], escalateAfterMs: 0, strategy: 'all' };
    const reached = input.reach[position.level - 1] ?? [];
    const following = advance(position, policy.steps.length, now);
    const pastLastRun = following.run > following.startRun + policy.repeat;
    if (reached.length === 0) {
      const nobody = `step ${position.level} (${step.notify.join(', ')}) reaches nobody now`;
      if (pastLastRun)
        return stop(
          input,
          [...hops, nobody, exhausted(input, following, 'nobody acknowledged or could be reached')].join(
            '; ',
          ),
        );
      const onTo = following.run === position.run ? 'on to ' : '';
      hops.push(`${nobody}: ${onTo}${describeNext(following, position)} at once`);
      position = following;
      continue;
    }
    const { people, cursors } = choose(step.strategy, reached, position.level, input.cursors);
    const notify = people.map((person) => notification(alert.id, position, person));
    const next = { ...following, at: new Date(now.getTime() + step.escalateAfterMs) };
    const runs = policy.repeat + 1;
    const runText = runs > 1 ? ` (run ${position.run - position.startRun + 1} of ${runs})` : '';
    const how = step.strategy === 'round-robin' ? ' (round robin: their turn)' : '';
    const then = pastLastRun
      ? `this is the last step of the last run: if nobody acknowledges by ${describeInstant(next.at, input.timeZone)}, escalation ends there`
      : `unless acknowledged, ${describeNext(following, position)} at ${describeInstant(next.at, input.timeZone)}`;
    hops.push(`step ${position.level}${runText}: notifying ${people.join(', ')}${how}; ${then}`);
    return { notify, next, cursors, hop: hops.join('; ') };
  }
}

function stop(input: EscalationInput, hop: string): EscalationPlan {
  return { notify: [], next: null, cursors: input.cursors, hop };
}

function wait(input: EscalationInput, next: EscalationPosition, hop: string): EscalationPlan {
  return { notify: [], next, cursors: input.cursors, hop };
}

function acknowledgedText(alert: EscalationInput['alert'], timeZone?: string): string {
  const by = alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : '';
  return `acknowledged${by} at ${alert.acknowledgedAt ? describeInstant(alert.acknowledgedAt, timeZone) : 'an unknown time'}`;
}

function acknowledgementRanOut(input: EscalationInput): string {
  const within = describeDuration(input.policy.acknowledgeTimeoutMs ?? 0);
  return `${acknowledgedText(input.alert, input.timeZone)} but not resolved within ${within}: escalating again from step 1`;
}

function advance(position: EscalationPosition, steps: number, now: Date): EscalationPosition {
  if (position.level < steps) return { ...position, level: position.level + 1, at: now };
  return { ...position, level: 1, run: position.run + 1, at: now };
}

function describeNext(following: EscalationPosition, current: EscalationPosition): string {
  return following.run === current.run ? `step ${following.level}` : 'the policy runs again from step 1';
}

function exhausted(
  input: EscalationInput,
  position: EscalationPosition,
  why = 'nobody acknowledged',
): string {
  const runs = position.run - position.startRun;
  return `policy ${policyName(input.policy.ref)} exhausted after ${runs} run${runs === 1 ? '' : 's'}, ${why}`;
}

function choose(
  strategy: 'all' | 'round-robin',
  reached: readonly string[],
  level: number,
  cursors: RoundRobinCursors,
): { people: string[]; cursors: RoundRobinCursors } {
  const unique = [...new Set(reached)];
  if (strategy === 'all') return { people: unique, cursors };
  const turn = cursors[level] ?? 0;
  return {
    people: unique.slice(turn % unique.length).slice(0, 1),
    cursors: { ...cursors, [level]: turn + 1 },
  };
}

function notification(alertId: string, position: EscalationPosition, person: string): EscalationNotification {
  const { level, run } = position;
  return { person, level, run, idempotencyKey: `${alertId}:${run}:${level}:${person}` };
}

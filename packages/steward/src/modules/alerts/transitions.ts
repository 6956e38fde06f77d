// An alert's states: triggered → acknowledged → resolved, and only forward. The same step serves a
// sender (a resolve from Alertmanager, an acknowledge from a PagerDuty client) and a person (the API,
// a signed link): it records the timeline, emits the domain event and, for people, the audit entry, in
// the caller's transaction. Taking a step the alert has already taken changes nothing. In the same
// transaction the escalation hears of it (a job: notifications not yet sent are cancelled, the planner
// pauses or stops), and a resolve ends the silences that lasted until this alert resolved.
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { emit } from '../../platform/events/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { type AlertRow, changeAlertState, type Db } from './alert-store.ts';
import type { EscalateJob } from './escalate-contract.ts';
import { alertAcknowledged, alertResolved } from './events.ts';
import { silencesEndedBy } from './suppression/index.ts';
import type { AlertStatus, Step } from './tables.ts';

export type { Step } from './tables.ts';

const order: Record<AlertStatus, number> = { triggered: 0, acknowledged: 1, resolved: 2 };

/** Whether moving `from` to `to` is a change (false: already there or past it). */
export function advances(from: AlertStatus, to: Step): boolean {
  return order[to] > order[from];
}

export interface StepBy {
  /** A person's handle, or integration:<name>. */
  by: string;
  /** How: "via the API", "via a signed link", "Alertmanager sent resolved". */
  how: string;
  /** People's actions are audited; a sender's are in the timeline only. */
  audit: boolean;
  /** Where the escalation job that hears of the step is enqueued; absent, escalation goes on unaware. */
  escalation?: { jobs: JobQueue; job: EscalateJob } | undefined;
}

/** Answers whether the alert changed. */
export async function takeStep(
  trx: Db,
  row: AlertRow,
  to: Step,
  actor: StepBy,
  now = new Date(),
): Promise<boolean> {
  if (!advances(row.status, to)) return false;
  const verb = to === 'acknowledged' ? 'acknowledged' : 'resolved';
  await changeAlertState(trx, row, {
    status: to,
    at: now,
    entry: { at: now.toISOString(), status: to, by: actor.by, text: `${verb} by ${actor.by} ${actor.how}` },
  });
  const data = { alertId: row.id, service: row.service, team: row.team, urgency: row.urgency, by: actor.by };
  await emit(trx, to === 'acknowledged' ? alertAcknowledged : alertResolved, data);
  if (to === 'resolved') await silencesEndedBy(trx, row.id, now);
  if (actor.escalation) {
    const { jobs, job } = actor.escalation;
    await jobs.enqueue(job, { alertId: row.id, reason: to }, { trx: trx as never, key: `${row.id}:${to}` });
  }
  if (actor.audit) {
    await recordAudit(trx, {
      actor: actor.by,
      action: to === 'acknowledged' ? 'alert.acknowledge' : 'alert.resolve',
      subjectType: 'alert',
      subjectId: row.id,
      before: { status: row.status },
      after: { status: to, how: actor.how },
    });
  }
  return true;
}

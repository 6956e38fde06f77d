// `alerts.escalate`: one job per decision about an alert's escalation. Enqueued with each new alert
// (reason `open`), by each decision for the next one at its time (`next`, carrying the position it
// expects: an acknowledgement or a later decision moved it, and the job does nothing), in the
// transaction of an acknowledgement or a resolve, and when a silence or maintenance window holding
// the alert ends (`resume`). What it decides is in escalate-steps.ts.
import { defineJob } from '../../platform/jobs/index.ts';
import { getAlertRow } from './alert-store.ts';
import { type EscalateDeps, type EscalateJob, escalatePayload } from './escalate-contract.ts';
import { escalateFrom, startEscalation } from './escalate-steps.ts';
import { readPosition } from './escalation/index.ts';

export type { EscalateDeps, EscalateJob, EscalatePayload } from './escalate-contract.ts';

export function escalateJob(deps: EscalateDeps): EscalateJob {
  return defineJob({
    name: 'alerts.escalate',
    payload: escalatePayload,
    async handler({ alertId, reason = 'open', expected }) {
      const now = deps.now?.() ?? new Date();
      // Deliveries not yet sent will not be: someone took the alert (cancel is idempotent).
      if (reason === 'acknowledged' || reason === 'resolved') await deps.notifications.cancel(alertId);
      const row = await getAlertRow(deps.db, alertId);
      if (!row) return { alertId, skipped: 'the alert is gone' };
      const record = row.escalation;
      if (reason === 'open' || reason === 'resume') {
        if (row.status === 'resolved') return { alertId, skipped: 'resolved before it escalated' };
        if (reason === 'open' && record) return { alertId, skipped: 'escalation has started already' };
        if (reason === 'resume' && record?.state !== 'suppressed')
          return { alertId, skipped: 'not held by a silence or maintenance window' };
        return startEscalation(deps, row, now);
      }
      if (!record?.policy || !record.position || (record.state !== 'escalating' && record.state !== 'done'))
        return { alertId, skipped: `not escalating (${record?.state ?? 'not started'})` };
      if (reason === 'next') {
        const stale =
          record.state !== 'escalating' ||
          !expected ||
          readPosition(expected).at.getTime() !== readPosition(record.position).at.getTime() ||
          expected.level !== record.position.level ||
          expected.run !== record.position.run;
        if (stale) return { alertId, skipped: 'stale: the escalation moved since this job was planned' };
      }
      return escalateFrom(deps, row, now, { policy: record.policy, position: readPosition(record.position) });
    },
  });
}

// `alerts.escalate-opened`: the first escalation decision about every alert one request opened, in one
// job enqueued in the ingest transaction (one row and one claim for a hundred alerts, not a hundred).
// Idempotent as `alerts.escalate` is: an alert resolved meanwhile, or already decided (a retried or
// doubled attempt), is left alone, and each decision is stored only if the escalation did not move.
import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../platform/jobs/index.ts';
import { getAlertRows } from './alert-store.ts';
import type { EscalateDeps } from './escalate-contract.ts';
import { startEscalations } from './escalate-steps.ts';

const openedPayload = z.object({ alertIds: z.array(z.string()).min(1) });
export type EscalateOpenedJob = JobDefinition<z.infer<typeof openedPayload>>;

export function escalateOpenedJob(deps: EscalateDeps): EscalateOpenedJob {
  return defineJob({
    name: 'alerts.escalate-opened',
    payload: openedPayload,
    async handler({ alertIds }) {
      const now = deps.now?.() ?? new Date();
      const rows = await getAlertRows(deps.db, alertIds);
      const fresh = rows.filter((row) => row.status !== 'resolved' && !row.escalation);
      await startEscalations(deps, fresh, now);
      return { alerts: alertIds.length, decided: fresh.length };
    },
  });
}

// Queueing the notifications one escalation decision makes: each person with the signed links that
// credit them, under the planner's idempotency key.
import type { AlertRow } from './alert-store.ts';
import type { EscalateDeps } from './escalate-contract.ts';
import type { EscalationPlan } from './escalation/index.ts';

/** Answers a hop for each person who could not be notified (no such user in Steward). */
export async function notifyAll(deps: EscalateDeps, row: AlertRow, plan: EscalationPlan): Promise<string[]> {
  const failed: string[] = [];
  const alert = {
    id: row.id,
    status: row.status,
    service: row.service,
    team: row.team,
    summary: row.summary,
    labels: row.labels,
  };
  for (const n of plan.notify) {
    const links = await deps.actionLinks(row.id, { person: n.person });
    try {
      await deps.notifications.notify({
        person: n.person,
        urgency: row.urgency,
        level: n.level,
        alert,
        links: { acknowledge: links.acknowledge, resolve: links.resolve },
        idempotencyKey: n.idempotencyKey,
      });
    } catch (error) {
      // A person the catalog names but Steward cannot reach: say so on the alert rather than retry forever.
      failed.push(`could not notify ${n.person}: ${(error as Error).message}`);
    }
  }
  return failed;
}

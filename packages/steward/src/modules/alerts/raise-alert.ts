// Alerts Steward raises itself (an incident that needs a commander pages the owning team): an ordinary
// alert, so routing, escalation, delivery and acknowledgement are the ones every alert has. They come
// from a built-in integration that is revoked from birth: it is listed nowhere and no key reaches it.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { emit } from '../../platform/events/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { findOpenAlertIds, insertAlerts } from './alert-store.ts';
import type { EscalateJob } from './escalate-contract.ts';
import { alertOpened } from './events.ts';
import type { AlertTables } from './tables.ts';

export interface RaiseRequest {
  /** Raising again with a key still open answers that alert: idempotent. */
  key: string;
  summary: string;
  /** Whose escalation policy pages (a group ref); the service, if any, it is about. */
  team: string;
  service: string | null;
  labels: Record<string, string>;
  /** Who asked, for the alert's timeline (a handle or module:…). */
  by: string;
}

export interface RaiseContext {
  db: Kysely<AlertTables>;
  jobs: JobQueue;
  escalate: EscalateJob;
  publish(topic: string, type: string, data: unknown): Promise<number>;
}

const integrationId = 'steward-raised';
const integrationName = 'steward';

export async function raiseAlert(
  ctx: RaiseContext,
  input: RaiseRequest,
): Promise<{ id: string; opened: boolean }> {
  const at = new Date();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('alert_integrations')
      .values({
        id: integrationId,
        type: 'pagerduty',
        name: integrationName,
        service: null,
        urgency: 'high',
        key_hash: `none:${integrationId}`,
        created_by: 'steward',
        deleted_at: at,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const id = randomUUID();
    const inserted = await insertAlerts(trx, [
      {
        id,
        integration_id: integrationId,
        source: 'steward',
        dedup_key: input.key,
        group_key: '',
        group_labels: null,
        status: 'triggered',
        urgency: 'high',
        summary: input.summary,
        labels: input.labels,
        annotations: {},
        generator_url: null,
        service: input.service,
        team: input.team,
        unowned: false,
        assignee: null,
        hops: [{ at: at.toISOString(), kind: 'raised', text: `raised by ${input.by} for ${input.team}` }],
        timeline: [
          { at: at.toISOString(), status: 'triggered', by: input.by, text: `raised by ${input.by}` },
        ],
        starts_at: at,
        acknowledged_at: null,
        acknowledged_by: null,
        resolved_at: null,
        resolved_by: null,
      },
    ]);
    if (!inserted.has(id)) {
      const open = await findOpenAlertIds(trx, integrationId, [{ groupKey: '', dedupKey: input.key }]);
      const found = [...open.values()][0];
      if (!found) throw new Error(`alert ${input.key} neither opened nor found open; raise it again`);
      return { id: found.id, opened: false };
    }
    const data = {
      alertId: id,
      service: input.service,
      team: input.team,
      urgency: 'high' as const,
      by: input.by,
    };
    await emit(trx, alertOpened, data);
    await ctx.jobs.enqueue(ctx.escalate, { alertId: id }, { trx: trx as never, key: id });
    return { id, opened: true };
  });
  if (outcome.opened)
    ctx.publish('alerts', 'alert.changed', { id: outcome.id, status: 'triggered' }).catch(() => undefined);
  return outcome;
}

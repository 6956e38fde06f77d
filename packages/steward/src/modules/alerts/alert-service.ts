// Reading alerts and the steps people take on them (acknowledge, resolve): through the API as
// themselves, or through a signed link from a notification. Each step is idempotent, audited, and
// published live on `alerts` and `alert:<id>` once committed.
import type { Kysely } from 'kysely';
import { invalid, notFound } from '../../platform/errors.ts';
import { parseEntityRef, stringifyEntityRef } from '../catalog/index.ts';
import { getAlertRow, listAlertRows, lockAlert } from './alert-store.ts';
import type { AlertDetail, AlertListQuery, AlertSlo, AlertView } from './schemas.ts';
import type { AlertTables } from './tables.ts';
import { type Step, type StepBy, takeStep } from './transitions.ts';
import { toAlertDetail, toAlertView } from './views.ts';

export interface AlertServiceContext {
  db: Kysely<AlertTables>;
  publish(topic: string, type: string, data: unknown): Promise<number>;
  /**
   * Waits until what senders had been answered for is applied (the inbox), so a read shows every
   * alert accepted before it.
   */
  caughtUp?: (() => Promise<void>) | undefined;
  /** Where acknowledgements and resolves tell the escalation (transitions.ts). */
  escalation?: StepBy['escalation'];
  /** The notifications module's delivery log of an alert, shown with it. */
  deliveries?: ((alertId: string) => Promise<AlertDetail['deliveries']>) | undefined;
  /** The SLOs Steward has of these `sloth_id`s (the SLO module's), linked from burn alerts. */
  slosOf?: ((ids: readonly string[]) => Promise<ReadonlyMap<string, AlertSlo>>) | undefined;
}

/** `checkout` → component:default/checkout; `payments` → group:default/payments; refs as they are. */
function refOf(text: string, defaultKind: string, field: string): string {
  const parsed = parseEntityRef(text, { defaultKind, defaultNamespace: 'default' });
  if (!parsed.ok) throw invalid(`${field}: ${parsed.message}`, [{ field, message: parsed.message }]);
  return stringifyEntityRef(parsed.ref);
}

export async function listAlerts(
  ctx: AlertServiceContext,
  query: AlertListQuery,
): Promise<{ items: AlertView[]; next: string | null }> {
  await ctx.caughtUp?.();
  const page = await listAlertRows(ctx.db, {
    ...query,
    ...(query.service ? { services: [refOf(query.service, 'component', 'query.service')] } : {}),
    ...(query.team ? { teams: [refOf(query.team, 'group', 'query.team')] } : {}),
  });
  return { items: await withSlos(ctx, page.items.map(toAlertView)), next: page.next };
}

export async function getAlert(ctx: AlertServiceContext, id: string): Promise<AlertDetail> {
  await ctx.caughtUp?.();
  const row = await getAlertRow(ctx.db, id);
  if (!row) throw notFound(`no alert with id ${id}; GET /api/v1/alerts lists them`);
  const [detail] = await withSlos(ctx, [toAlertDetail(row)]);
  return { ...(detail as AlertDetail), deliveries: (await ctx.deliveries?.(id)) ?? [] };
}

/** Each alert with a `sloth_id` label links the SLO it names, when Steward has it. */
async function withSlos<T extends AlertView>(ctx: AlertServiceContext, alerts: T[]): Promise<T[]> {
  const ids = alerts.flatMap((a) => (a.labels.sloth_id ? [a.labels.sloth_id] : []));
  if (!ctx.slosOf || ids.length === 0) return alerts;
  const slos = await ctx.slosOf(ids);
  return alerts.map((a) => ({ ...a, slo: slos.get(a.labels.sloth_id ?? '') ?? null }));
}

/** Acknowledges or resolves; doing it again, or acknowledging a resolved alert, changes nothing. */
export async function stepAlert(
  ctx: AlertServiceContext,
  id: string,
  to: Step,
  actor: { handle: string; how: string },
): Promise<AlertDetail> {
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockAlert(trx, id);
    if (!row) throw notFound(`no alert with id ${id}; GET /api/v1/alerts lists them`);
    return takeStep(trx, row, to, {
      by: actor.handle,
      how: actor.how,
      audit: true,
      escalation: ctx.escalation,
    });
  });
  const detail = await getAlert(ctx, id);
  if (changed) {
    const data = { id, status: detail.status };
    await Promise.all([
      ctx.publish('alerts', 'alert.changed', data),
      ctx.publish(`alert:${id}`, 'alert.changed', data),
    ]).catch(() => undefined);
  }
  return detail;
}

// Maintenance windows: a service's alerts are recorded but nobody is paged while one is open. The
// service must be in the catalog; its owners (members of an owning team, or an owning user) and
// admins open and end them.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/audit-log.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { type CatalogEntity, parseEntityRef, stringifyEntityRef } from '../../catalog/index.ts';
import { actsAsAdmin } from '../../identity/index.ts';
import { iso, type SuppressionContext, startOf } from './context.ts';
import { emitEnded, scheduleEnd } from './end-job.ts';
import {
  endMaintenance as endRow,
  getMaintenance,
  insertMaintenance,
  listMaintenance as listRows,
  type MaintenanceRow,
} from './maintenance-store.ts';
import type { CreateMaintenance, MaintenanceView } from './schemas.ts';
import { type TimeState, timeState } from './silence-store.ts';

export async function createMaintenance(
  ctx: SuppressionContext,
  caller: Principal,
  body: CreateMaintenance,
): Promise<MaintenanceView> {
  const now = ctx.now();
  const service = await findService(ctx, body.service, 'body.service');
  assertOwnerOrAdmin(caller, service);
  const startsAt = startOf(body.startsAt, now);
  const endsAt = new Date(body.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw invalid(`body.endsAt: ${iso(endsAt)} must be after startsAt ${iso(startsAt)}`, [
      { field: 'body.endsAt', message: 'must be after startsAt' },
    ]);
  }
  if (endsAt.getTime() <= now.getTime()) {
    throw invalid(`body.endsAt: ${iso(endsAt)} is in the past; a window must end after now (${iso(now)})`, [
      { field: 'body.endsAt', message: 'must be in the future' },
    ]);
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertMaintenance(trx, {
      id: randomUUID(),
      service: service.ref,
      startsAt,
      endsAt,
      reason: body.reason,
      createdBy: caller.handle,
    });
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'maintenance.create',
      subjectType: 'maintenance-window',
      subjectId: inserted.id,
      after: snapshot(inserted),
    });
    const end = { kind: 'maintenance' as const, id: inserted.id, endsAt: iso(inserted.ends_at) };
    await scheduleEnd(ctx.jobs, ctx.endJob, trx, end);
    return inserted;
  });
  return maintenanceView(row, now);
}

export async function listMaintenance(
  ctx: SuppressionContext,
  query: { state?: TimeState | undefined; service?: string | undefined },
): Promise<MaintenanceView[]> {
  const now = ctx.now();
  const services = query.service === undefined ? undefined : refOf(query.service, 'querystring.service');
  const rows = await listRows(ctx.db, { state: query.state, services }, now);
  return rows.map((row) => maintenanceView(row, now));
}

export async function showMaintenance(ctx: SuppressionContext, id: string): Promise<MaintenanceView> {
  const row = await getMaintenance(ctx.db, id);
  if (!row) throw notFound(`there is no maintenance window ${id}; see GET /api/v1/maintenance-windows`);
  return maintenanceView(row, ctx.now());
}

/** Ends a window now (its service's owners and admins); one already over answers 409. */
export async function endMaintenance(
  ctx: SuppressionContext,
  caller: Principal,
  id: string,
): Promise<MaintenanceView> {
  const now = ctx.now();
  const before = await getMaintenance(ctx.db, id);
  if (!before) throw notFound(`there is no maintenance window ${id}; see GET /api/v1/maintenance-windows`);
  if (!actsAsAdmin(caller)) {
    const [service] = await ctx.catalog.loadEntitiesByRef([before.service]);
    // A service gone from the catalog leaves its windows to admins and whoever opened them.
    if (service) assertOwnerOrAdmin(caller, service);
    else if (caller.handle !== before.created_by)
      throw forbidden(
        `${before.service} is no longer in the catalog; only admins and ${before.created_by} may end this window`,
      );
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const after = await endRow(trx, id, now, caller.handle);
    if (!after) throw conflict(`maintenance window ${id} already ended at ${iso(before.ends_at)}`);
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'maintenance.end',
      subjectType: 'maintenance-window',
      subjectId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    await emitEnded(trx, 'maintenance', id, now);
    return after;
  });
  return maintenanceView(row, now);
}

/** `checkout` means component:default/checkout, else service:default/checkout (Steward's kind). */
function refOf(text: string, field: string): string[] {
  const parsed = parseEntityRef(text, { defaultKind: 'component', defaultNamespace: 'default' });
  if (!parsed.ok) throw invalid(`${field}: ${parsed.message}`, [{ field, message: parsed.message }]);
  const ref = stringifyEntityRef(parsed.ref);
  if (text.includes(':')) return [ref];
  return [ref, stringifyEntityRef({ ...parsed.ref, kind: 'service' })];
}

async function findService(ctx: SuppressionContext, text: string, field: string): Promise<CatalogEntity> {
  const refs = refOf(text, field);
  const found = await ctx.catalog.loadEntitiesByRef(refs);
  const entity = refs.map((ref) => found.find((e) => e.ref === ref)).find((e) => e !== undefined);
  if (!entity) {
    throw notFound(`${field}: the catalog has no ${refs.join(' or ')}; name a service it describes`, [
      { field, message: 'no such entity in the catalog' },
    ]);
  }
  return entity;
}

function assertOwnerOrAdmin(caller: Principal, service: CatalogEntity): void {
  if (actsAsAdmin(caller)) return;
  const mine = new Set([...caller.teams.map((t) => `group:default/${t}`), `user:default/${caller.handle}`]);
  if (service.owners.some((owner) => mine.has(owner.ref.toLowerCase()))) return;
  const owners = service.owners.map((o) => o.ref).join(', ') || 'nobody';
  throw forbidden(
    `only the owners of ${service.ref} (${owners}) and admins may change its maintenance windows`,
  );
}

export function maintenanceView(row: MaintenanceRow, now: Date): MaintenanceView {
  return {
    id: row.id,
    service: row.service,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    endedBy: row.ended_by,
    state: timeState(row.starts_at, row.ends_at, now),
  };
}

function snapshot(row: MaintenanceRow) {
  return { service: row.service, startsAt: iso(row.starts_at), endsAt: iso(row.ends_at), reason: row.reason };
}

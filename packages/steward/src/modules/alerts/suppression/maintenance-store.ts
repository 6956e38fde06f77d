// The SQL of maintenance windows: a service's alerts are quiet while starts_at <= t < ends_at.
import type { TimeState } from './silence-store.ts';
import type { MaintenanceWindowsTable, SuppressionDb } from './tables.ts';

export type MaintenanceRow = Omit<MaintenanceWindowsTable, 'created_at'> & { created_at: Date };

export interface NewMaintenance {
  id: string;
  service: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy: string;
}

export function insertMaintenance(db: SuppressionDb, window: NewMaintenance): Promise<MaintenanceRow> {
  return db
    .insertInto('maintenance_windows')
    .values({
      id: window.id,
      service: window.service,
      starts_at: window.startsAt,
      ends_at: window.endsAt,
      reason: window.reason,
      created_by: window.createdBy,
      ended_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function getMaintenance(db: SuppressionDb, id: string): Promise<MaintenanceRow | undefined> {
  return db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listMaintenance(
  db: SuppressionDb,
  query: { state?: TimeState | undefined; services?: string[] | undefined },
  now: Date,
  limit = 500,
): Promise<MaintenanceRow[]> {
  let select = db.selectFrom('maintenance_windows').selectAll();
  if (query.services !== undefined) select = select.where('service', 'in', query.services);
  if (query.state === 'active') select = select.where('starts_at', '<=', now).where('ends_at', '>', now);
  if (query.state === 'pending') select = select.where('starts_at', '>', now);
  if (query.state === 'expired') select = select.where('ends_at', '<=', now);
  return select.orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Ends a window now (a pending one never starts); undefined when it was already over. */
export function endMaintenance(
  db: SuppressionDb,
  id: string,
  now: Date,
  by: string,
): Promise<MaintenanceRow | undefined> {
  return db
    .updateTable('maintenance_windows')
    .set((eb) => ({
      ends_at: now,
      starts_at: eb.fn('least', [eb.ref('starts_at'), eb.val(now)]),
      ended_by: by,
    }))
    .where('id', '=', id)
    .where('ends_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

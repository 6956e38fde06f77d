// The incidents tables: SQL only. A change locks its incident's row (`for update`) and writes only the
// fields it changes, so two people changing different fields at once both land.
import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { IncidentState } from './lifecycle.ts';
import type { IncidentsTable, IncidentTables, IncidentTimelineTable } from './tables.ts';

export type Db = Kysely<IncidentTables> | Transaction<IncidentTables>;
export type IncidentRow = Selectable<IncidentsTable>;
export type TimelineRow = Selectable<IncidentTimelineTable>;

/** jsonb values go in as text: the driver would make a JavaScript array a PostgreSQL array. */
// biome-ignore lint/suspicious/noExplicitAny: a jsonb column takes JSON text whatever its read type.
export const json = (value: unknown): any => sql`${JSON.stringify(value)}::jsonb`;

export function getIncidentRow(db: Db, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockIncident(trx: Db, id: string): Promise<IncidentRow | undefined> {
  return trx.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertIncident(
  trx: Db,
  row: Omit<IncidentRow, 'seq' | 'created_at' | 'updated_at'> & { created_at: Date },
): Promise<void> {
  await trx
    .insertInto('incidents')
    .values({ ...row, services: json(row.services), teams: json(row.teams), roles: json(row.roles) })
    .execute();
}

export type IncidentChange = Omit<
  Updateable<IncidentsTable>,
  'roles' | 'services' | 'teams' | 'id' | 'seq'
> & {
  /** Roles to set (a ref) or remove (null), merged into what is there. */
  roles?: Record<string, string | null>;
};

export async function updateIncident(trx: Db, id: string, change: IncidentChange): Promise<void> {
  const { roles, ...fields } = change;
  let merged = sql`roles`;
  if (roles) {
    const set = Object.fromEntries(Object.entries(roles).filter(([, v]) => v !== null));
    const removed = Object.keys(roles).filter((k) => roles[k] === null);
    merged = sql`(roles || ${json(set)})`;
    for (const name of removed) merged = sql`(${merged} - ${name}::text)`;
  }
  await trx
    .updateTable('incidents')
    .set({ ...fields, ...(roles ? { roles: merged as never } : {}), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function attachedAlerts(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('incident_alerts')
    .select(['incident_id', 'alert_id'])
    .where('incident_id', 'in', ids)
    .where('purpose', '=', 'attached')
    .orderBy('attached_at')
    .orderBy('alert_id')
    .execute();
  for (const row of rows) found.get(row.incident_id)?.push(row.alert_id);
  return found;
}

/** Answers whether the link is new. */
export async function linkAlert(
  trx: Db,
  link: { incidentId: string; alertId: string; purpose: 'attached' | 'commander-page'; by: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('incident_alerts')
    .values({
      incident_id: link.incidentId,
      alert_id: link.alertId,
      purpose: link.purpose,
      attached_by: link.by,
    })
    .onConflict((oc) => oc.columns(['incident_id', 'alert_id']).doNothing())
    .returning('alert_id')
    .execute();
  return inserted.length > 0;
}

export function incidentsOfAlert(db: Db, alertId: string) {
  return db
    .selectFrom('incident_alerts')
    .select(['incident_id', 'purpose'])
    .where('alert_id', '=', alertId)
    .execute();
}

export interface ListFilter {
  states?: readonly IncidentState[];
  severity?: string;
  team?: string;
  service?: string;
  cursor?: string;
  limit: number;
}

export async function listIncidentRows(db: Db, filter: ListFilter) {
  let select = db
    .selectFrom('incidents')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(filter.limit + 1);
  if (filter.states) select = select.where('state', 'in', [...filter.states]);
  if (filter.severity) select = select.where('severity', '=', filter.severity);
  if (filter.team) select = select.where(sql<boolean>`teams @> ${json([filter.team])}`);
  if (filter.service) select = select.where(sql<boolean>`services @> ${json([filter.service])}`);
  if (filter.cursor) select = select.where('seq', '<', filter.cursor);
  const rows = await select.execute();
  const more = rows.length > filter.limit;
  const items = more ? rows.slice(0, filter.limit) : rows;
  return { items, next: more ? String(items.at(-1)?.seq) : null };
}

/** Incidents of a team or service declared in [from, to). */
export function incidentsBetween(db: Db, where: { team?: string; service?: string }, from: Date, to: Date) {
  let select = db
    .selectFrom('incidents')
    .selectAll()
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('state', 'not in', ['declined', 'merged']);
  if (where.team) select = select.where(sql<boolean>`teams @> ${json([where.team])}`);
  if (where.service) select = select.where(sql<boolean>`services @> ${json([where.service])}`);
  return select.orderBy('created_at').execute();
}

export async function attachedAlertsFor(db: Db, incidentId: string, purpose: 'attached' | 'commander-page') {
  const rows = await db
    .selectFrom('incident_alerts')
    .select('alert_id')
    .where('incident_id', '=', incidentId)
    .where('purpose', '=', purpose)
    .execute();
  return rows.map((r) => r.alert_id);
}

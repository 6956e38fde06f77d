// The alerts table: SQL only. Rows are locked (`for update`) before a change of state, so two servers
// hearing the same resolve, or a person and a sender acting at once, change an alert once.
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { AlertListQuery } from './schemas.ts';
import type { AlertStatus, AlertsTable, AlertTables, Hop, TimelineEntry } from './tables.ts';

export type AlertRow = Selectable<AlertsTable> & { integration_name: string };
export type Db = Kysely<AlertTables> | Transaction<AlertTables>;

const withIntegration = (db: Db) =>
  db
    .selectFrom('alerts')
    .innerJoin('alert_integrations', 'alert_integrations.id', 'alerts.integration_id')
    .selectAll('alerts')
    .select('alert_integrations.name as integration_name');

export function findOpenAlert(trx: Db, integrationId: string, groupKey: string, dedupKey: string) {
  return withIntegration(trx)
    .where('alerts.integration_id', '=', integrationId)
    .where('alerts.group_key', '=', groupKey)
    .where('alerts.dedup_key', '=', dedupKey)
    .where('alerts.status', '<>', 'resolved')
    .forUpdate('alerts')
    .executeTakeFirst();
}

export function lockAlert(trx: Db, id: string): Promise<AlertRow | undefined> {
  return withIntegration(trx).where('alerts.id', '=', id).forUpdate('alerts').executeTakeFirst();
}

export function getAlertRow(db: Db, id: string): Promise<AlertRow | undefined> {
  return withIntegration(db).where('alerts.id', '=', id).executeTakeFirst();
}

/** These alerts (those that exist), in id order. */
export async function getAlertRows(db: Db, ids: readonly string[]): Promise<AlertRow[]> {
  return [...(await alertsById(db, ids, false)).values()];
}

/** These alerts locked, in id order (as every batch locks them, so two batches queue, not deadlock). */
export function lockAlerts(trx: Db, ids: readonly string[]): Promise<Map<string, AlertRow>> {
  return alertsById(trx, ids, true);
}

/**
 * One index look-up per id, whatever the planner thinks of the table: PGlite keeps no statistics, and
 * `id in (…)` over a hundred ids then reads every alert.
 */
async function alertsById(db: Db, ids: readonly string[], lock: boolean): Promise<Map<string, AlertRow>> {
  if (ids.length === 0) return new Map();
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 1) {
    // One id (a sender that posts alerts one by one): the plain look-up is cheaper to plan.
    const one = withIntegration(db).where('alerts.id', '=', sorted[0] as string);
    const row = await (lock ? one.forUpdate('alerts') : one).executeTakeFirst();
    return new Map(row ? [[row.id, row]] : []);
  }
  const { rows } = await sql<AlertRow>`
    select a.*, i.name as integration_name
      from unnest(${sorted}::text[]) with ordinality as wanted(id, n)
      cross join lateral (
        select * from alerts where alerts.id = wanted.id offset 0 ${lock ? sql`for update` : sql``}) a
      join alert_integrations i on i.id = a.integration_id
     order by wanted.n`.execute(db);
  return new Map(rows.map((row) => [row.id, row]));
}

export type NewAlert = Omit<AlertsTable, 'seq' | 'created_at' | 'hops' | 'timeline' | 'escalation'> & {
  hops: Hop[];
  timeline: TimelineEntry[];
};

/**
 * In one statement; answers the ids inserted. An alert whose key is open already (or repeated in the
 * same batch, or inserted meanwhile by another request) is left out, not an error. The rows travel as
 * one JSON parameter read in SQL, in the order given: a hundred alerts as thousands of bound values
 * cost more to build, send and bind than the insert itself.
 */
export async function insertAlerts(trx: Db, alerts: NewAlert[]): Promise<Set<string>> {
  if (alerts.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    insert into alerts (id, integration_id, source, dedup_key, group_key, group_labels, status, urgency,
      summary, labels, annotations, generator_url, service, team, unowned, assignee, hops, timeline,
      starts_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by)
    select a->>'id', a->>'integration_id', a->>'source', a->>'dedup_key', a->>'group_key',
      nullif(a->'group_labels', 'null'::jsonb), a->>'status', a->>'urgency', a->>'summary', a->'labels',
      a->'annotations', a->>'generator_url', a->>'service', a->>'team', (a->>'unowned')::boolean,
      a->>'assignee', a->'hops', a->'timeline', (a->>'starts_at')::timestamptz,
      (a->>'acknowledged_at')::timestamptz, a->>'acknowledged_by', (a->>'resolved_at')::timestamptz,
      a->>'resolved_by'
    from jsonb_array_elements(${JSON.stringify(alerts)}::jsonb) with ordinality as given(a, n)
    order by n
    on conflict (integration_id, group_key, dedup_key) where status <> 'resolved' do nothing
    returning id`.execute(trx);
  return new Set(rows.map((row) => row.id));
}

/** The open alerts among these keys, without a lock (a trigger for an open alert changes nothing). */
export async function findOpenAlertIds(
  db: Db,
  integrationId: string,
  keys: { groupKey: string; dedupKey: string }[],
): Promise<Map<string, { id: string; status: AlertStatus }>> {
  const found = new Map<string, { id: string; status: AlertStatus }>();
  if (keys.length === 0) return found;
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'status', 'group_key', 'dedup_key'])
    .where('integration_id', '=', integrationId)
    .where('group_key', 'in', [...new Set(keys.map((k) => k.groupKey))])
    .where('dedup_key', 'in', [...new Set(keys.map((k) => k.dedupKey))])
    .where('status', '<>', 'resolved')
    .execute();
  for (const row of rows)
    found.set(alertKey(row.group_key, row.dedup_key), { id: row.id, status: row.status });
  return found;
}

/**
 * The open alerts among these keys, locked, in key order (as single alerts are locked one by one, so
 * requests about the same alerts queue rather than deadlock); by alertKey.
 */
export async function lockOpenAlerts(
  trx: Db,
  integrationId: string,
  keys: { groupKey: string; dedupKey: string }[],
): Promise<Map<string, AlertRow>> {
  const found = new Map<string, AlertRow>();
  if (keys.length === 0) return found;
  const rows = await withIntegration(trx)
    .where('alerts.integration_id', '=', integrationId)
    .where('alerts.group_key', 'in', [...new Set(keys.map((k) => k.groupKey))])
    .where('alerts.dedup_key', 'in', [...new Set(keys.map((k) => k.dedupKey))])
    .where('alerts.status', '<>', 'resolved')
    .orderBy(sql`alerts.group_key collate "C"`)
    .orderBy(sql`alerts.dedup_key collate "C"`)
    .forUpdate('alerts')
    .execute();
  for (const row of rows) found.set(alertKey(row.group_key, row.dedup_key), row);
  return found;
}

/** The same change to many locked alerts in one statement: its entry appended to each timeline. */
export async function changeAlertsState(trx: Db, ids: string[], change: StateChange): Promise<void> {
  if (ids.length === 0) return;
  const by = change.entry.by;
  await trx
    .updateTable('alerts')
    .set({
      status: change.status,
      timeline: sql`timeline || ${JSON.stringify([change.entry])}::jsonb`,
      ...(change.status === 'acknowledged' ? { acknowledged_at: change.at, acknowledged_by: by } : {}),
      ...(change.status === 'resolved' ? { resolved_at: change.at, resolved_by: by } : {}),
    })
    .where('id', 'in', ids)
    .execute();
}

export const alertKey = (groupKey: string, dedupKey: string) => `${groupKey}\n${dedupKey}`;

export interface StateChange {
  status: AlertStatus;
  entry: TimelineEntry;
  at: Date;
}

export async function changeAlertState(trx: Db, row: AlertRow, change: StateChange): Promise<void> {
  const by = change.entry.by;
  await trx
    .updateTable('alerts')
    .set({
      status: change.status,
      timeline: json([...row.timeline, change.entry]),
      ...(change.status === 'acknowledged' ? { acknowledged_at: change.at, acknowledged_by: by } : {}),
      ...(change.status === 'resolved' ? { resolved_at: change.at, resolved_by: by } : {}),
    })
    .where('id', '=', row.id)
    .execute();
}

export async function appendHop(trx: Db, row: AlertRow, hop: Hop): Promise<void> {
  await trx
    .updateTable('alerts')
    .set({ hops: json([...row.hops, hop]) })
    .where('id', '=', row.id)
    .execute();
}

export async function listAlertRows(
  db: Db,
  query: AlertListQuery & { services?: string[]; teams?: string[] },
) {
  let select = withIntegration(db)
    .orderBy('alerts.seq', 'desc')
    .limit(query.limit + 1);
  if (query.status) select = select.where('alerts.status', '=', query.status);
  if (query.services) select = select.where('alerts.service', 'in', query.services);
  if (query.teams) select = select.where('alerts.team', 'in', query.teams);
  if (query.cursor) select = select.where('alerts.seq', '<', query.cursor);
  const rows = await select.execute();
  const more = rows.length > query.limit;
  const items = more ? rows.slice(0, query.limit) : rows;
  return { items, next: more ? String(items.at(-1)?.seq) : null };
}

/** jsonb values go in as text: the driver would make a JavaScript array a PostgreSQL array. */
// biome-ignore lint/suspicious/noExplicitAny: a jsonb column takes JSON text whatever its read type.
const json = (value: unknown): any => (value === null ? null : sql`${JSON.stringify(value)}::jsonb`);

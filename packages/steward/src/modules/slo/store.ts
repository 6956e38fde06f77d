// SLOs as stored: replaced source by source at ingest, read by service, team (its services) or id.
import { sql } from 'kysely';
import type { SloDb, SloRow } from './tables.ts';

export async function replaceSourceSlos(db: SloDb, sourceId: string, rows: readonly SloRow[]) {
  await db.deleteFrom('slo_slos').where('source_id', '=', sourceId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto('slo_slos')
    .values(rows.map((r) => ({ ...r, rule_groups: sql`${JSON.stringify(r.rule_groups)}::jsonb` as never })))
    .execute();
}

/** Of these ids, those another source holds, with that source's name. */
export async function slosHeldElsewhere(db: SloDb, sourceId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('slo_slos')
    .select(['id', 'source_id'])
    .where('id', 'in', ids)
    .where('source_id', '!=', sourceId)
    .execute();
  return new Map(
    rows.map((r) => [r.id, `another catalog source (id ${r.source_id}; steward sources list names it)`]),
  );
}

export interface SloFilter {
  /** Entity refs (lower case). */
  entities?: readonly string[];
  id?: string;
}

export async function findSlos(db: SloDb, filter: SloFilter = {}) {
  let query = db.selectFrom('slo_slos').selectAll().orderBy('entity').orderBy('id');
  if (filter.entities) {
    if (filter.entities.length === 0) return [];
    query = query.where('entity', 'in', filter.entities);
  }
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  return query.execute();
}

/** The SLOs of these ids (alert views link theirs). */
export async function slosById(db: SloDb, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('slo_slos').select(['id', 'name', 'entity']).where('id', 'in', ids).execute();
}

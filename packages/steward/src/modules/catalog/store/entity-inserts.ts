// New and changed entities of a batch, each in one statement from the batch's JSON rows: the
// entities with their history rows, owners and declared relations. A new entity another source
// holds already is skipped (ON CONFLICT), and so are its owners, relations and history.
import { sql } from 'kysely';
import { entityColumnNames, rowColumns, rowsJson, type StoredRow } from './entity-rows.ts';
import { columnList, recordset } from './recordset.ts';
import type { CatalogDb } from './tables.ts';

export interface Written {
  sourceId: string;
  actor: string;
  revision: string | null;
}

/** Answers the refs inserted. */
export async function insertCreated(
  trx: CatalogDb,
  at: Written,
  rows: readonly StoredRow[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const columns = columnList(entityColumnNames);
  const inserted = await sql<{ ref: string }>`
    with x as (select * from ${recordset(rowsJson(rows), rowColumns)}),
    entities as (
      insert into catalog_entities (source_id, ${columns}) select cast(${at.sourceId} as text), ${columns} from x
      on conflict (ref) do nothing
      returning ref, body),
    history as (
      insert into catalog_history (entity_ref, actor, revision, change, after)
      select ref, cast(${at.actor} as text), cast(${at.revision} as text), 'created', body from entities),
    owners as (${ownersFrom(sql`entities join x using (ref)`)}),
    relations as (${relationsFrom(sql`entities join x using (ref)`)})
    select ref from entities`.execute(trx);
  return inserted.rows.map((row) => row.ref);
}

/** Replaces entities this source holds: history (before and after), columns, owners, relations. */
export async function updateChanged(trx: CatalogDb, at: Written, rows: readonly StoredRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = rowsJson(rows);
  const refs = rows.map((r) => r.ref);
  const assignments = sql.raw(
    entityColumnNames
      .filter((c) => c !== 'ref')
      .map((c) => `"${c}" = x."${c}"`)
      .join(', '),
  );
  // Sibling statements of one WITH see the same snapshot: the history reads the bodies before the update.
  await sql`
    with x as (select * from ${recordset(json, rowColumns)}),
    history as (
      insert into catalog_history (entity_ref, actor, revision, change, before, after)
      select x.ref, cast(${at.actor} as text), cast(${at.revision} as text), 'updated', e.body, x.body
      from x join catalog_entities e on e.ref = x.ref and e.source_id = ${at.sourceId})
    update catalog_entities e set ${assignments}, updated_at = now()
    from x where e.ref = x.ref and e.source_id = ${at.sourceId}`.execute(trx);
  await sql`delete from catalog_owners where entity_ref = any(${refs}::text[])`.execute(trx);
  await sql`delete from catalog_relations where source_ref = any(${refs}::text[])`.execute(trx);
  const x = sql`${recordset(json, rowColumns)}`;
  await sql`${ownersFrom(x)}`.execute(trx);
  await sql`${relationsFrom(x)}`.execute(trx);
}

function ownersFrom(rows: ReturnType<typeof sql>) {
  return sql`
    insert into catalog_owners (owner_ref, entity_ref, role, line, "column")
    select o->>0, x.ref, o->>1, cast(o->>2 as integer), cast(o->>3 as integer)
    from ${rows} cross join lateral json_array_elements(x.owners) as o
    on conflict do nothing`;
}

function relationsFrom(rows: ReturnType<typeof sql>) {
  return sql`
    insert into catalog_relations (source_ref, type, target_ref)
    select x.ref, r->>0, r->>1
    from ${rows} cross join lateral json_array_elements(x.rels) as r`;
}

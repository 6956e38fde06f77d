// New entities of a batch in one statement: the rows travel once, and the entities, their history
// rows, owners and declared relations are all inserted from them. An entity another
// source holds already is skipped (ON CONFLICT), and so are its owners, relations and history.
import { sql } from 'kysely';
import type { EntityRecord } from '../ingest/entity-record.ts';
import { entityColumns, entityRows } from './entity-rows.ts';
import type { EntityChanges } from './entity-writes.ts';
import { columnList, recordset } from './recordset.ts';
import type { CatalogDb } from './tables.ts';

/** Answers the refs inserted. */
export async function insertCreated(
  trx: CatalogDb,
  changes: Pick<EntityChanges, 'sourceId' | 'actor' | 'revision' | 'created'>,
): Promise<string[]> {
  if (changes.created.length === 0) return [];
  const rows = entityRows(changes.sourceId, changes.created).map((row, i) => {
    const record = changes.created[i] as EntityRecord;
    return { ...row, owners: ownerTuples(record), rels: relationTuples(record) };
  });
  const columns = columnList(entityColumns);
  const inserted = await sql<{ ref: string }>`
    with x as (select * from ${recordset(rows, { ...entityColumns, owners: 'json', rels: 'json' })}),
    entities as (
      insert into catalog_entities (${columns}) select ${columns} from x
      on conflict (ref) do nothing
      returning ref, body),
    history as (
      insert into catalog_history (entity_ref, actor, revision, change, after)
      select ref, cast(${changes.actor} as text), cast(${changes.revision} as text), 'created', body from entities),
    owners as (
      insert into catalog_owners (owner_ref, entity_ref, role, line, "column")
      select o->>0, x.ref, o->>1, cast(o->>2 as integer), cast(o->>3 as integer)
      from entities join x using (ref) cross join lateral json_array_elements(x.owners) as o
      on conflict do nothing),
    relations as (
      insert into catalog_relations (source_ref, type, target_ref)
      select x.ref, r->>0, r->>1
      from entities join x using (ref) cross join lateral json_array_elements(x.rels) as r)
    select ref from entities`.execute(trx);
  return inserted.rows.map((row) => row.ref);
}

/** Positional, so a batch of thousands does not repeat key names for every owner and relation. */
function ownerTuples(r: EntityRecord) {
  return r.owners.map((o) => [o.ref, o.role, o.line, o.column]);
}

function relationTuples(r: EntityRecord) {
  return r.relations.map((x) => [x.type, x.target]);
}

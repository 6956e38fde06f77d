// Writes a batch of entity changes of one source in the caller's transaction: new entities,
// changed ones, moved ones (positions only) and removed ones, each with its history row, owners
// and declared relations. An entity another source already holds is reported back as a conflict.
// A `catalog.entities-changed` event naming the refs commits with them.
import { sql } from 'kysely';
import { emit } from '../../../platform/events/index.ts';
import { entitiesChanged } from '../events.ts';
import { insertCreated, updateChanged } from './entity-inserts.ts';
import type { StoredRow } from './entity-rows.ts';
import { recordset } from './recordset.ts';
import type { CatalogDb } from './tables.ts';

export interface EntityChanges {
  sourceId: string;
  /** `source:<id>` or `user:<handle>`. */
  actor: string;
  revision: string | null;
  created: StoredRow[];
  updated: StoredRow[];
  /** Same content, different file or line: positions change, history does not. */
  moved: StoredRow[];
  removed: string[];
}

export interface WrittenChanges {
  created: string[];
  /** Refs that another source holds: not written. */
  conflicts: string[];
}

export async function writeEntityChanges(trx: CatalogDb, changes: EntityChanges): Promise<WrittenChanges> {
  await removeEntities(trx, changes);
  await updateChanged(trx, changes, changes.updated);
  const created = await insertCreated(trx, changes, changes.created);
  if (changes.moved.length > 0) await movePositions(trx, changes.sourceId, changes.moved);
  const createdSet = new Set(created);
  // Last in the batch: the event's seq is given at commit, after whatever the caller adds.
  await emit(trx, entitiesChanged, {
    source: changes.sourceId,
    created,
    updated: changes.updated.map((r) => r.ref),
    moved: changes.moved.map((r) => r.ref),
    deleted: changes.removed,
    actor: changes.actor,
  });
  return { created, conflicts: changes.created.filter((r) => !createdSet.has(r.ref)).map((r) => r.ref) };
}

async function removeEntities(trx: CatalogDb, changes: EntityChanges): Promise<void> {
  const refs = changes.removed;
  if (refs.length === 0) return;
  await sql`
    insert into catalog_history (entity_ref, actor, revision, change, before)
    select ref, cast(${changes.actor} as text), cast(${changes.revision} as text), 'deleted', body
    from catalog_entities where ref = any(${refs}::text[]) and source_id = ${changes.sourceId}`.execute(trx);
  await sql`delete from catalog_owners where entity_ref = any(${refs}::text[])`.execute(trx);
  await sql`delete from catalog_relations where source_ref = any(${refs}::text[])`.execute(trx);
  await sql`delete from catalog_entities where ref = any(${refs}::text[]) and source_id = ${changes.sourceId}`.execute(
    trx,
  );
}

async function movePositions(trx: CatalogDb, sourceId: string, rows: StoredRow[]): Promise<void> {
  const positions = rows.map((r) => ({ ref: r.ref, file: r.file, line: r.line }));
  await sql`
    update catalog_entities e set file = x.file, line = x.line
    from ${recordset(positions, { ref: 'text', file: 'text', line: 'integer' })}
    where e.ref = x.ref and e.source_id = ${sourceId}`.execute(trx);
}

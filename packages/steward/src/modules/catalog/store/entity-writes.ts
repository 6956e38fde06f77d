// Writes a batch of entity changes of one source: the entities, their owners, the relations they
// declare, and a history row each, in the caller's transaction. An entity
// another source already holds is left alone and reported back as a conflict.
import { sql } from 'kysely';
import type { EntityRecord } from '../ingest/entity-record.ts';
import { insertCreated } from './entity-inserts.ts';
import { entityColumns, entityRows } from './entity-rows.ts';
import { columnList, recordset } from './recordset.ts';
import type { CatalogDb, HistoryChange } from './tables.ts';

export interface EntityChanges {
  sourceId: string;
  /** `source:<id>` or `user:<handle>`. */
  actor: string;
  revision: string | null;
  created: EntityRecord[];
  updated: EntityRecord[];
  /** Same content, different file or line: positions change, history does not. */
  moved: EntityRecord[];
  removed: string[];
}

export interface WrittenChanges {
  created: string[];
  /** Refs that another source holds: not written. */
  conflicts: string[];
}

export async function writeEntityChanges(trx: CatalogDb, changes: EntityChanges): Promise<WrittenChanges> {
  const replaced = [...changes.updated.map((r) => r.ref), ...changes.removed];
  const before = await bodiesOf(trx, changes.sourceId, replaced);
  if (replaced.length > 0) {
    await sql`delete from catalog_owners where entity_ref = any(${replaced}::text[])`.execute(trx);
    await sql`delete from catalog_relations where source_ref = any(${replaced}::text[])`.execute(trx);
  }
  if (changes.removed.length > 0) {
    await sql`delete from catalog_entities where ref = any(${changes.removed}::text[]) and source_id = ${changes.sourceId}`.execute(
      trx,
    );
  }
  if (changes.updated.length > 0) await updateEntities(trx, changes.sourceId, changes.updated);
  const created = await insertCreated(trx, changes);
  const createdSet = new Set(created);
  await insertOwnersAndRelations(trx, changes.updated);
  if (changes.moved.length > 0) await movePositions(trx, changes.sourceId, changes.moved);
  const history = [
    ...changes.updated.map((r) => historyRow(changes, r.ref, 'updated', before.get(r.ref) ?? null, r.body)),
    ...changes.removed
      .filter((ref) => before.has(ref))
      .map((ref) => historyRow(changes, ref, 'deleted', before.get(ref) ?? null, null)),
  ];
  await appendHistory(trx, history);
  return { created, conflicts: changes.created.filter((r) => !createdSet.has(r.ref)).map((r) => r.ref) };
}

async function bodiesOf(trx: CatalogDb, sourceId: string, refs: string[]): Promise<Map<string, unknown>> {
  if (refs.length === 0) return new Map();
  const rows = await sql<{ ref: string; body: unknown }>`
    select ref, body from catalog_entities
    where ref = any(${refs}::text[]) and source_id = ${sourceId} for update`.execute(trx);
  return new Map(rows.rows.map((row) => [row.ref, row.body]));
}

async function updateEntities(trx: CatalogDb, sourceId: string, records: EntityRecord[]): Promise<void> {
  const assignments = sql.raw(
    Object.keys(entityColumns)
      .filter((c) => c !== 'ref' && c !== 'source_id')
      .map((c) => `"${c}" = x."${c}"`)
      .join(', '),
  );
  await sql`
    update catalog_entities e set ${assignments}, updated_at = now()
    from ${recordset(entityRows(sourceId, records), entityColumns)}
    where e.ref = x.ref and e.source_id = ${sourceId}`.execute(trx);
}

async function movePositions(trx: CatalogDb, sourceId: string, records: EntityRecord[]): Promise<void> {
  const rows = records.map((r) => ({ ref: r.ref, file: r.file, line: r.line }));
  await sql`
    update catalog_entities e set file = x.file, line = x.line
    from ${recordset(rows, { ref: 'text', file: 'text', line: 'integer' })}
    where e.ref = x.ref and e.source_id = ${sourceId}`.execute(trx);
}

async function insertOwnersAndRelations(trx: CatalogDb, records: EntityRecord[]): Promise<void> {
  const owners = records.flatMap((r) =>
    r.owners.map((o) => ({
      owner_ref: o.ref,
      entity_ref: r.ref,
      role: o.role,
      line: o.line,
      column: o.column,
    })),
  );
  if (owners.length > 0) {
    const columns = {
      owner_ref: 'text',
      entity_ref: 'text',
      role: 'text',
      line: 'integer',
      column: 'integer',
    };
    await sql`insert into catalog_owners (${columnList(columns)})
      select ${columnList(columns)} from ${recordset(owners, columns)}
      on conflict do nothing`.execute(trx);
  }
  const relations = records.flatMap((r) =>
    r.relations.map((rel) => ({ source_ref: r.ref, type: rel.type, target_ref: rel.target })),
  );
  if (relations.length > 0) {
    const columns = { source_ref: 'text', type: 'text', target_ref: 'text' };
    await sql`insert into catalog_relations (${columnList(columns)})
      select ${columnList(columns)} from ${recordset(relations, columns)}`.execute(trx);
  }
}

interface HistoryInput {
  entity_ref: string;
  actor: string;
  revision: string | null;
  change: HistoryChange;
  before: unknown;
  after: unknown;
}

function historyRow(
  changes: EntityChanges,
  ref: string,
  change: HistoryChange,
  before: unknown,
  after: unknown,
): HistoryInput {
  return { entity_ref: ref, actor: changes.actor, revision: changes.revision, change, before, after };
}

async function appendHistory(trx: CatalogDb, rows: HistoryInput[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = {
    entity_ref: 'text',
    actor: 'text',
    revision: 'text',
    change: 'text',
    before: 'jsonb',
    after: 'jsonb',
  };
  await sql`insert into catalog_history (${columnList(columns)})
    select ${columnList(columns)} from ${recordset(rows, columns)}`.execute(trx);
}

// What the store already holds for a source, so an ingest writes only what changed.
import { sql } from 'kysely';
import type { CatalogDb } from './tables.ts';

export interface StoredState {
  hash: string;
  file: string | null;
  line: number | null;
}

export async function storedStates(db: CatalogDb, sourceId: string): Promise<Map<string, StoredState>> {
  const rows = await db
    .selectFrom('catalog_entities')
    .select(['ref', 'content_hash', 'file', 'line'])
    .where('source_id', '=', sourceId)
    .execute();
  return new Map(rows.map((r) => [r.ref, { hash: r.content_hash, file: r.file, line: r.line }]));
}

/** Which of `refs` other sources hold, and which source holds each. */
export async function heldElsewhere(
  db: CatalogDb,
  sourceId: string,
  refs: readonly string[],
): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  for (let i = 0; i < refs.length; i += 20_000) {
    const slice = refs.slice(i, i + 20_000);
    const rows = await sql<{ ref: string; source_id: string }>`
      select ref, source_id from catalog_entities
      where ref = any(${slice}::text[]) and source_id <> ${sourceId}`.execute(db);
    for (const row of rows.rows) held.set(row.ref, row.source_id);
  }
  return held;
}

export async function refsOfSource(db: CatalogDb, sourceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('catalog_entities')
    .select('ref')
    .where('source_id', '=', sourceId)
    .execute();
  return rows.map((r) => r.ref);
}

/** The source holding an entity, or undefined when there is no such entity. */
export async function holderOf(db: CatalogDb, ref: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('catalog_entities')
    .select('source_id')
    .where('ref', '=', ref)
    .executeTakeFirst();
  return row?.source_id;
}

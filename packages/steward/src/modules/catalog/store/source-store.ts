// Where entities come from: directories, git repositories, uploads and the API.
import { sql } from 'kysely';
import { emit } from '../../../platform/events/index.ts';
import { sourceRead, sourceRemoved } from '../events.ts';
import { replaceCodeowners } from './codeowners-store.ts';
import { stillAProblem } from './problem-store.ts';
import type { CatalogDb, SourceKind, SourceRow, SourceStatus } from './tables.ts';

/** Which repository a source is (`git@github.com:acme/shop.git`, or the source's name), and where its root is in it. */
export interface SourceRepository {
  name: string;
  /** '' for the repository's top; `catalog/teams` for a source reading that directory of it. */
  path: string;
}

export function findSource(db: CatalogDb, id: string): Promise<SourceRow | undefined> {
  return db.selectFrom('catalog_sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSourceRows(db: CatalogDb): Promise<SourceRow[]> {
  return db.selectFrom('catalog_sources').selectAll().orderBy('kind').orderBy('name').execute();
}

/** The repository each source read from files is (never null: a source read before 0011 is its name). */
export async function listSourceRepositories(db: CatalogDb) {
  const rows = await db
    .selectFrom('catalog_sources')
    .select(['id', 'name', 'repository', 'repository_path'])
    .where('kind', '!=', 'api')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ sourceId: r.id, repository: r.repository ?? r.name, path: r.repository_path }));
}

/** Says which repository an upload's files are from (as the client that read them found it). */
export async function setSourceRepository(db: CatalogDb, id: string, repository: SourceRepository) {
  await db
    .updateTable('catalog_sources')
    .set({ repository: repository.name, repository_path: repository.path })
    .where('id', '=', id)
    .execute();
}

/** Creates the source, or answers the one already there with the same id. */
export async function ensureSource(
  db: CatalogDb,
  source: { id: string; kind: SourceKind; target: string; name: string },
): Promise<{ row: SourceRow; created: boolean }> {
  const inserted = await db
    .insertInto('catalog_sources')
    .values(source)
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const row = await findSource(db, source.id);
  if (!row) throw new Error(`catalog source ${source.id} vanished while being created`);
  return { row, created: false };
}

export interface IngestOutcome {
  status: SourceStatus;
  message: string | null;
  revision: string | null;
  /** Which repository the source is, and where its root sits in it. */
  repository?: SourceRepository | undefined;
  errors: number;
  warnings: number;
}

/** In the ingest's last transaction, with a `catalog.source-read` event. */
export async function recordIngest(db: CatalogDb, id: string, outcome: IngestOutcome): Promise<SourceRow> {
  const row = await db
    .updateTable('catalog_sources')
    .set({
      status: outcome.status,
      message: outcome.message,
      revision: outcome.revision,
      ...(outcome.repository
        ? { repository: outcome.repository.name, repository_path: outcome.repository.path }
        : {}),
      error_count: outcome.errors,
      warning_count: outcome.warnings,
      last_ingested_at: sql<Date>`now()`,
      entity_count: sql<number>`(select count(*) from catalog_entities where source_id = ${id})`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await emit(db, sourceRead, { source: id });
  return row;
}

/** After the API changed one of its entities: its counts follow. */
export async function recountSource(db: CatalogDb, id: string): Promise<void> {
  await db
    .updateTable('catalog_sources')
    .set({
      entity_count: sql<number>`(select count(*) from catalog_entities where source_id = ${id})`,
      error_count: sql<number>`(select count(*) from catalog_problems q
        where q.source_id = ${id} and q.severity = 'error' and ${stillAProblem('q')})`,
      warning_count: sql<number>`(select count(*) from catalog_problems q
        where q.source_id = ${id} and q.severity = 'warning' and ${stillAProblem('q')})`,
      last_ingested_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** With its problems and CODEOWNERS files, and a `catalog.source-removed` event. */
export async function deleteSourceRow(db: CatalogDb, id: string): Promise<void> {
  await db.deleteFrom('catalog_problems').where('source_id', '=', id).execute();
  await replaceCodeowners(db, id, []);
  await db.deleteFrom('catalog_sources').where('id', '=', id).execute();
  await emit(db, sourceRemoved, { source: id });
}

/** A read that failed (clone, unreadable path): the entities stay as they were. */
export async function recordFailure(db: CatalogDb, id: string, message: string): Promise<void> {
  await db
    .updateTable('catalog_sources')
    .set({ status: 'failed', message, last_ingested_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Refreshes the planner's statistics of the entity tables. */
export async function analyzeCatalog(db: CatalogDb): Promise<void> {
  await sql`analyze catalog_entities, catalog_owners, catalog_relations`.execute(db);
}

// CODEOWNERS files found in repository and directory sources, so the server can answer who owns a path.
import { emit } from '../../../platform/events/index.ts';
import { codeownersChanged } from '../events.ts';
import type { CatalogDb } from './tables.ts';

export interface CodeownersFile {
  /** Where in the source, e.g. `.github/CODEOWNERS`. */
  path: string;
  content: string;
  /** The repository it governs, when known. */
  repository?: string | null;
}

/** Replaces a source's files; when they differ from those stored, a `catalog.codeowners-changed` event. */
export async function replaceCodeowners(trx: CatalogDb, sourceId: string, files: readonly CodeownersFile[]) {
  const before = await listCodeownersFiles(trx, sourceId);
  const key = (f: CodeownersFile) => JSON.stringify([f.path, f.content, f.repository ?? null]);
  const stored = new Set(before.map(key));
  const same = before.length === files.length && files.every((f) => stored.has(key(f)));
  if (same) return;
  await emit(trx, codeownersChanged, { source: sourceId });
  await trx.deleteFrom('catalog_codeowners').where('source_id', '=', sourceId).execute();
  if (files.length === 0) return;
  await trx
    .insertInto('catalog_codeowners')
    .values(
      files.map((f) => ({
        source_id: sourceId,
        path: f.path,
        content: f.content,
        repository: f.repository ?? null,
      })),
    )
    .execute();
}

/** Each file with the repository it governs: its source's (read before 0011: as stored, else the source's name). */
export async function listCodeownersFiles(db: CatalogDb, sourceId?: string) {
  let select = db
    .selectFrom('catalog_codeowners as c')
    .innerJoin('catalog_sources as s', 's.id', 'c.source_id')
    .select([
      'c.source_id',
      'c.path',
      'c.content',
      'c.repository',
      's.repository as sourceRepository',
      's.name',
    ])
    .orderBy('c.source_id')
    .orderBy('c.path');
  if (sourceId !== undefined) select = select.where('c.source_id', '=', sourceId);
  const rows = await select.execute();
  return rows.map((r) => ({
    sourceId: r.source_id,
    path: r.path,
    content: r.content,
    repository: r.sourceRepository ?? r.repository ?? r.name,
  }));
}

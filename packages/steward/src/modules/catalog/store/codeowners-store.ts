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

export async function listCodeownersFiles(db: CatalogDb, sourceId?: string) {
  let select = db
    .selectFrom('catalog_codeowners')
    .select(['source_id', 'path', 'content', 'repository'])
    .orderBy('source_id')
    .orderBy('path');
  if (sourceId !== undefined) select = select.where('source_id', '=', sourceId);
  const rows = await select.execute();
  return rows.map((r) => ({
    sourceId: r.source_id,
    path: r.path,
    content: r.content,
    repository: r.repository,
  }));
}

// Uploads as Steward kept them before they moved to the database: a directory per source under
// `<dataDir>/sources/<id>`, swapped in whole with renames. On start each is taken into the database
// once, if the database holds no files for that source, and the directory is then removed: an upgrade
// loses no upload, and no copy on one server's disk outlives the one every server reads.
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Logger } from '../../../platform/logging.ts';
import type { CatalogDb } from '../store/tables.ts';
import { hasUploadFiles, insertUploadFiles, type StoredUploadFile } from '../store/upload-store.ts';
import { sourceDirectory } from './read-source.ts';

export async function adoptUploadsOnDisk(db: CatalogDb, dataDir: string, logger: Logger): Promise<void> {
  if (!existsSync(join(dataDir, 'sources'))) return;
  const uploads = await db
    .selectFrom('catalog_sources')
    .select(['id', 'name'])
    .where('kind', '=', 'upload')
    .execute();
  for (const source of uploads) {
    const dir = sourceDirectory(dataDir, source.id);
    await restoreInterruptedUpload(dir);
    if (!existsSync(dir)) continue;
    const files = await readUploadOnDisk(dir);
    const adopted = await db.transaction().execute(async (trx) => {
      // Locked, so that two servers upgraded at once (each with its own copy) take in one, whole.
      await trx.selectFrom('catalog_sources').select('id').where('id', '=', source.id).forUpdate().execute();
      if (await hasUploadFiles(trx, source.id)) return false;
      await insertUploadFiles(trx, source.id, files);
      return true;
    });
    await removeUploadOnDisk(dir);
    logger.info(
      { source: source.id, files: files.length, dir },
      adopted
        ? `catalog upload "${source.name}" moved from ${dir} into the database, where every server reads it`
        : `catalog upload "${source.name}" is already in the database: its older copy in ${dir} was removed`,
    );
  }
}

/** Every regular file under `dir`, by its path relative to it (links are not followed: Steward wrote these). */
export async function readUploadOnDisk(dir: string): Promise<StoredUploadFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: StoredUploadFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.push({ path: relative(dir, path).split(sep).join('/'), content: await readFile(path) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * After a crash between the two renames of the old swap, the upload before is still whole under its
 * waiting name: put it back. Half-written uploads of a crashed request are removed.
 */
export async function restoreInterruptedUpload(dir: string): Promise<void> {
  const previous = `${dir}.previous`;
  if (!existsSync(previous)) return;
  if (existsSync(dir)) await rm(previous, { recursive: true, force: true });
  else await rename(previous, dir);
}

/** The directory and whatever an interrupted swap left beside it. */
export async function removeUploadOnDisk(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await rm(`${dir}.previous`, { recursive: true, force: true });
  const prefix = `${basename(dir)}.incoming-`;
  const siblings = await readdir(dirname(dir)).catch(() => [] as string[]);
  for (const name of siblings)
    if (name.startsWith(prefix)) await rm(join(dirname(dir), name), { recursive: true, force: true });
}

// The files of upload sources, in the database so that every server reads the same ones. A new upload
// replaces the source's files whole, inside the caller's transaction: if anything about it fails, the
// files uploaded before are still there, untouched.
import type { CatalogDb } from './tables.ts';

export interface StoredUploadFile {
  path: string;
  content: Buffer;
}

/** Rows per insert: three parameters each, well under PostgreSQL's 65,535. */
const rowsPerInsert = 1000;

/** Run inside a transaction (with the source row written first): the old files go, the new ones come. */
export async function replaceUploadFiles(
  trx: CatalogDb,
  sourceId: string,
  files: readonly StoredUploadFile[],
): Promise<void> {
  await trx.deleteFrom('catalog_upload_files').where('source_id', '=', sourceId).execute();
  await insertUploadFiles(trx, sourceId, files);
}

export async function insertUploadFiles(
  db: CatalogDb,
  sourceId: string,
  files: readonly StoredUploadFile[],
): Promise<void> {
  for (let i = 0; i < files.length; i += rowsPerInsert) {
    const rows = files
      .slice(i, i + rowsPerInsert)
      .map((file) => ({ source_id: sourceId, path: file.path, content: file.content }));
    await db.insertInto('catalog_upload_files').values(rows).execute();
  }
}

export async function readUploadFiles(db: CatalogDb, sourceId: string): Promise<StoredUploadFile[]> {
  const rows = await db
    .selectFrom('catalog_upload_files')
    .select(['path', 'content'])
    .where('source_id', '=', sourceId)
    .orderBy('path')
    .execute();
  // pg answers a Buffer, PGlite a Uint8Array: the same bytes either way, without a copy.
  return rows.map((row) => ({
    path: row.path,
    content: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength),
  }));
}

export async function hasUploadFiles(db: CatalogDb, sourceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('catalog_upload_files')
    .select('path')
    .where('source_id', '=', sourceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// Files uploaded as a catalog source, kept in the database rather than on one server's disk: every
// Steward process on the database can read (refresh, export) an upload another received, and a server
// started on a fresh disk loses none. Content is bytes, not text: a file may hold a NUL or a lone
// surrogate, which the catalog reports at its file:line:col, and a text column can hold neither.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_upload_files')
    .addColumn('source_id', 'text', (c) => c.notNull().references('catalog_sources.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_upload_files_pkey', ['source_id', 'path'])
    .execute();
}

// Failed sign-ins, counted in the database so every Steward process on it shares one count: a row per
// budget (a handle from one address, a handle, an address) with the failures in its current window.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('resets_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('sign_in_throttle_resets_at')
    .on('sign_in_throttle')
    .column('resets_at')
    .execute();
}

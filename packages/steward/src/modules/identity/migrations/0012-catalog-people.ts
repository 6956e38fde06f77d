// Teams and people are the catalog's Groups and Users: identity keeps a projection of them. It marks
// which rows the catalog holds (from_catalog), so that only those are removed or disabled when their
// entity goes, and why a person is disabled: by an admin, or because their User left the catalog
// (only the latter is undone when the User comes back). Rows from before are Steward's own until the
// catalog names them.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('from_catalog', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('disabled_by', 'text', (c) => c.check(sql`disabled_by in ('admin', 'catalog')`))
    .execute();
  await sql`update users set disabled_by = 'admin' where disabled_at is not null`.execute(db);
  await db.schema
    .alterTable('teams')
    .addColumn('from_catalog', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

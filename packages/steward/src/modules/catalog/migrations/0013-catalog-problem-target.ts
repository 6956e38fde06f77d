// A dangling reference is news only while its target is missing from the whole catalog: a component in
// one repository owned by a team another repository describes is not dangling. The problem keeps the
// ref it points at, so reads can leave out those whose target is there now.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('catalog_problems').addColumn('target_ref', 'text').execute();
}

// Which repository each catalog source is, so that one repository's CODEOWNERS and paths never answer
// for another's: the origin remote of a directory in a git work tree (or the git URL cloned), else the
// source's name; and where the source's root sits inside that repository ('' for its top).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('catalog_sources')
    .addColumn('repository', 'text')
    .addColumn('repository_path', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

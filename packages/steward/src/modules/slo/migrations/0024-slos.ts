// The SLOs the catalog's entities attach (`steward.dev/slo-spec`), compiled at ingest: one row per
// SLO with its rules, replaced whenever its source is read and gone with the source. The owning team
// is not kept: it is the attaching entity's owner in the catalog, read when asked.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('slo_slos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('catalog_sources.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sloth_service', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('objective', 'double precision', (c) => c.notNull())
    .addColumn('period_ms', 'double precision', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('rule_groups', 'jsonb', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('slo_slos_source').on('slo_slos').column('source_id').execute();
  await db.schema.createIndex('slo_slos_entity').on('slo_slos').column('entity').execute();
}

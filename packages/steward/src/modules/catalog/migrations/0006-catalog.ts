// The catalog as stored: where entities come from (sources), the entities with their owners and
// relations, the problems each source has, an append-only history per entity, and the CODEOWNERS
// files found in repository sources. Refs are compared lower-case (`kind:namespace/name`).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('dir', 'git', 'upload', 'api')`))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('revision', 'text')
    .addColumn('last_ingested_at', 'timestamptz')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'ok', 'errors', 'failed')`),
    )
    .addColumn('message', 'text')
    .addColumn('entity_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('catalog_sources_kind_name')
    .on('catalog_sources')
    .columns(['kind', 'name'])
    .execute();

  await db.schema
    .createTable('catalog_entities')
    .addColumn('ref', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('catalog_sources.id'))
    .addColumn('file', 'text')
    .addColumn('line', 'integer')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('primary_owner_ref', 'text')
    .addColumn('tier', 'text')
    .addColumn('lifecycle', 'text')
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('runbook', 'text')
    // Lower-cased ref, title, description and tags: `like '%word%'` on it is a sequential scan of
    // narrow rows, fast enough on both engines without an extension (PGlite has no pg_trgm).
    .addColumn('search', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Lists are ordered by ref (kind, namespace, name): the primary key serves an unfiltered page and a
  // kind filter (a ref range); these serve the other filters with the same keyset order.
  await db.schema
    .createIndex('catalog_entities_source')
    .on('catalog_entities')
    .columns(['source_id', 'ref'])
    .execute();
  await db.schema
    .createIndex('catalog_entities_kind')
    .on('catalog_entities')
    .columns(['kind', 'ref'])
    .execute();
  await db.schema
    .createIndex('catalog_entities_tier')
    .on('catalog_entities')
    .columns(['tier', 'ref'])
    .execute();
  await db.schema
    .createIndex('catalog_entities_lifecycle')
    .on('catalog_entities')
    .columns(['lifecycle', 'ref'])
    .execute();
  await sql`create index catalog_entities_tags on catalog_entities using gin (tags)`.execute(db);

  await db.schema
    .createTable('catalog_owners')
    .addColumn('owner_ref', 'text', (c) => c.notNull())
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // Where the owner is written in the entity's file, so who-owns can point at the line.
    .addColumn('line', 'integer')
    .addColumn('column', 'integer')
    .addPrimaryKeyConstraint('catalog_owners_pkey', ['owner_ref', 'entity_ref'])
    .execute();
  await db.schema.createIndex('catalog_owners_entity').on('catalog_owners').column('entity_ref').execute();

  // One row per relation as its entity declared it (source → target). The inverse is read through the
  // target index (A `dependsOn` B is B's `dependencyOf` A), so removing the declaring entity's rows
  // removes both directions at once, and an ingest writes half the rows storing inverses would.
  await db.schema
    .createTable('catalog_relations')
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('target_ref', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('catalog_relations_source')
    .on('catalog_relations')
    .column('source_ref')
    .execute();
  await db.schema
    .createIndex('catalog_relations_target')
    .on('catalog_relations')
    .column('target_ref')
    .execute();

  await db.schema
    .createTable('catalog_problems')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('entity_ref', 'text')
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('column', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('error', 'warning')`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('catalog_problems_source')
    .on('catalog_problems')
    .columns(['source_id', 'id'])
    .execute();
  await db.schema
    .createIndex('catalog_problems_entity')
    .on('catalog_problems')
    .columns(['entity_ref', 'id'])
    .execute();

  await db.schema
    .createTable('catalog_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entity_ref', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('revision', 'text')
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('created', 'updated', 'deleted')`))
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema
    .createIndex('catalog_history_entity')
    .on('catalog_history')
    .columns(['entity_ref', 'id'])
    .execute();
  await sql`
    create function steward_catalog_history_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'catalog history is append-only: % is not allowed on catalog_history', tg_op
        using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger catalog_history_no_update_or_delete before update or delete on catalog_history
    for each row execute function steward_catalog_history_append_only()`.execute(db);
  await sql`
    create trigger catalog_history_no_truncate before truncate on catalog_history
    for each statement execute function steward_catalog_history_append_only()`.execute(db);

  await db.schema
    .createTable('catalog_codeowners')
    .addColumn('source_id', 'text', (c) => c.notNull().references('catalog_sources.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    // The repository the file governs (the git URL, or a working tree's origin), when known.
    .addColumn('repository', 'text')
    .addPrimaryKeyConstraint('catalog_codeowners_pkey', ['source_id', 'path'])
    .execute();

  // Entities created through the API belong to this one source.
  await sql`insert into catalog_sources (id, kind, target, name, status) values ('api', 'api', 'api', 'Created through the API', 'ok')`.execute(
    db,
  );
}

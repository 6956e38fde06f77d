// Alert ingestion: integrations (each with a secret key, kept only as its SHA-256 so a lookup is one
// indexed query), the alerts they send (one row per alert, its state, route hops and timeline), and the
// secret that signs acknowledge/resolve links, shared by every server through the database.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_integrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('urgency', 'text')
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Deleting an integration revokes its key; its alerts and their history stay.
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await sql`create unique index alert_integrations_live_name on alert_integrations (name) where deleted_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Orders lists and pages them (the cursor) in the order alerts arrived.
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('integration_id', 'text', (c) => c.notNull().references('alert_integrations.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    // Alertmanager: the fingerprint; PagerDuty: the dedup_key. Unique among open alerts (index below).
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('group_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('group_labels', 'jsonb')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('labels', 'jsonb', (c) => c.notNull())
    .addColumn('annotations', 'jsonb', (c) => c.notNull())
    .addColumn('generator_url', 'text')
    .addColumn('service', 'text')
    .addColumn('team', 'text')
    .addColumn('unowned', 'boolean', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('hops', 'jsonb', (c) => c.notNull())
    .addColumn('timeline', 'jsonb', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .execute();
  // One open alert per key: a resolved one that fires again opens a new alert.
  await sql`create unique index alerts_open_dedup on alerts (integration_id, group_key, dedup_key) where status <> 'resolved'`.execute(
    db,
  );
  await db.schema.createIndex('alerts_status_seq').on('alerts').columns(['status', 'seq']).execute();
  await db.schema.createIndex('alerts_service').on('alerts').column('service').execute();
  await db.schema.createIndex('alerts_team').on('alerts').column('team').execute();

  await db.schema
    .createTable('alert_link_secret')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .execute();
}

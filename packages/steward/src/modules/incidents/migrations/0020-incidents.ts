// Incidents: the incident (one row, changed field by field under a row lock), the alerts attached to it
// (and the page that asks for a commander), its timeline, audience-facing status updates, the
// postmortem (versioned, so two editors never silently overwrite each other) and follow-up actions.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Orders lists (newest first) and pages them.
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('services', 'jsonb', (c) => c.notNull())
    .addColumn('teams', 'jsonb', (c) => c.notNull())
    // { commander: "user:default/mia", … }: only roles someone holds.
    .addColumn('roles', 'jsonb', (c) => c.notNull())
    .addColumn('merged_into', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // When the trouble began: the earliest attached alert, else the declaration.
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('mitigated_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('next_update_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('incidents_state').on('incidents').column('state').execute();
  await db.schema.createIndex('incidents_created_at').on('incidents').column('created_at').execute();

  await db.schema
    .createTable('incident_alerts')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('alert_id', 'text', (c) => c.notNull())
    // attached: part of the incident; commander-page: raised to find a commander.
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('attached_by', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('incident_alerts_pk', ['incident_id', 'alert_id'])
    .execute();
  await db.schema.createIndex('incident_alerts_alert').on('incident_alerts').column('alert_id').execute();

  await db.schema
    .createTable('incident_timeline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // Work that may run twice (an event heard again, a job retried) writes its item once.
    .addColumn('dedup_key', 'text', (c) => c.unique())
    .addColumn('edited_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('incident_timeline_incident')
    .on('incident_timeline')
    .columns(['incident_id', 'at'])
    .execute();

  await db.schema
    .createTable('incident_status_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_status_updates_incident')
    .on('incident_status_updates')
    .columns(['incident_id', 'at'])
    .execute();

  await db.schema
    .createTable('incident_postmortems')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id'))
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('incident_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    // A calendar date (YYYY-MM-DD): overdue once it has passed.
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('incident_follow_ups_incident')
    .on('incident_follow_ups')
    .column('incident_id')
    .execute();
}

// Silences (Alertmanager's label matchers over a time range, or until an alert resolves) and
// maintenance windows per service. Suppressed alerts are still recorded by the alerts module; these
// tables only say what is quiet, and when.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_silences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // [{name, value, isRegex, isEqual}], as Alertmanager's API v2 writes them.
    .addColumn('matchers', 'jsonb', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    // Null while it lasts until an alert resolves; expiring it (or the alert resolving) sets it.
    .addColumn('ends_at', 'timestamptz')
    // `until_resolved` with no alert yet: bound to the first alert it silences.
    .addColumn('until_resolved', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('until_resolved_alert', 'text')
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expired_by', 'text')
    .execute();
  // Active ones are found by `ends_at > at or ends_at is null`: both halves use this index.
  await db.schema.createIndex('alert_silences_ends_at').on('alert_silences').column('ends_at').execute();
  await db.schema
    .createIndex('alert_silences_until_resolved_alert')
    .on('alert_silences')
    .column('until_resolved_alert')
    .where(sql.ref('until_resolved_alert'), 'is not', null)
    .execute();

  await db.schema
    .createTable('maintenance_windows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The service's full ref, lower-cased as the catalog compares refs: component:default/checkout.
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_by', 'text')
    .addCheckConstraint('maintenance_windows_range', sql`ends_at >= starts_at`)
    .execute();
  await db.schema
    .createIndex('maintenance_windows_service_ends_at')
    .on('maintenance_windows')
    .columns(['service', 'ends_at'])
    .execute();
}

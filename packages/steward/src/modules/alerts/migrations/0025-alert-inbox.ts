// The alert inbox: each accepted ingestion request, as one row, committed before its sender is answered.
// Writing one row per request (not one per alert, with its indexes, events and jobs) is what lets
// Steward take alerts in as fast as Alertmanager does; the rows are then applied to `alerts` in
// arrival order by one server at a time, and deleted in the transaction that applies them.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_inbox')
    // Arrival order: rows are applied in it (a resolve after its trigger).
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('integration_id', 'text', (c) => c.notNull())
    .addColumn('integration_name', 'text', (c) => c.notNull())
    // The request's alerts as read and routed at arrival: deflated JSON, read back whole.
    .addColumn('items', 'bytea', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A row that could not be applied stays, set aside with why, for an operator; never deleted.
    .addColumn('failed_at', 'timestamptz')
    .addColumn('error', 'text')
    .execute();
  // Deflated already: compressing it again would cost time for nothing.
  await sql`alter table alert_inbox alter column items set storage external`.execute(db);
  // An alert's integration is checked when its request is accepted, and integrations are never
  // deleted (only their keys revoked): the foreign key re-checked it for every alert, locking the
  // integration's row each time, and cost as much as the rest of the insert.
  await sql`alter table alerts drop constraint if exists alerts_integration_id_fkey`.execute(db);
}

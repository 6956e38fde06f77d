// Where each alert's escalation stands (the planner's position, the policy it follows, or why it does
// not escalate), and the round-robin turns each policy has given, shared by all its alerts.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // {state, policy, position, suppression}: read and written whole, under the alert's row lock.
  await db.schema.alterTable('alerts').addColumn('escalation', 'jsonb').execute();
  await db.schema
    .createTable('alert_escalation_cursors')
    // The EscalationPolicy's full ref, lower-cased as the catalog compares refs.
    .addColumn('policy', 'text', (c) => c.primaryKey())
    // {level: next turn}, as the planner answers them.
    .addColumn('cursors', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

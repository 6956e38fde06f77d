// A gap told to its schedule's team is recorded, so scans (every hour, on every server) and retries
// tell each gap once.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oncall_gap_notices')
    .addColumn('schedule_ref', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('told_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('oncall_gap_notices_pkey', ['schedule_ref', 'starts_at'])
    .execute();
}

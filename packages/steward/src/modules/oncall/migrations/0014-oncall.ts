// On-call's own state: schedules and policies are catalog entities, but overrides (and swaps, two
// overrides made together) and calendar feeds are made through the API, so they live here. A feed's
// token is the credential of a URL without a bearer: only its SHA-256 is kept. A shift notice sent is
// recorded, so a person hears once before each shift however often the job runs.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oncall_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('schedule_ref', 'text', (c) => c.notNull())
    .addColumn('user_ref', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('swap_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('oncall_overrides_span', sql`ends_at > starts_at`)
    .execute();
  await db.schema
    .createIndex('oncall_overrides_schedule_ends')
    .on('oncall_overrides')
    .columns(['schedule_ref', 'ends_at'])
    .execute();

  await db.schema
    .createTable('oncall_calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('schedule_ref', 'text')
    .addColumn('user_ref', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'oncall_calendar_feeds_one_subject',
      sql`(schedule_ref is null) <> (user_ref is null)`,
    )
    .execute();

  await db.schema
    .createTable('oncall_shift_notices')
    .addColumn('user_ref', 'text', (c) => c.notNull())
    .addColumn('schedule_ref', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('oncall_shift_notices_pkey', ['user_ref', 'schedule_ref', 'starts_at'])
    .execute();
}

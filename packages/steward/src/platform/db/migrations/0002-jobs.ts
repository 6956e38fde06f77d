import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('steward_job')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending', 'running', 'succeeded', 'dead', 'cancelled')`),
    )
    .addColumn('dedup_key', 'text')
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().check(sql`max_attempts >= 1`))
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  // What a runner claims next: due pending jobs, and running ones whose lease ran out.
  await sql`create index steward_job_pending_run_at on steward_job (run_at) where state = 'pending'`.execute(
    db,
  );
  await sql`create index steward_job_running_lease on steward_job (locked_until) where state = 'running'`.execute(
    db,
  );
  // A key names at most one unfinished job per job name; a retried job keeps its row, so running counts too.
  await sql`create unique index steward_job_dedup_key on steward_job (name, dedup_key)
    where dedup_key is not null and state in ('pending', 'running')`.execute(db);
  await sql`create index steward_job_listing on steward_job (state, created_at desc)`.execute(db);
}

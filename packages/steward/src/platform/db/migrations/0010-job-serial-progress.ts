import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // serial_key: jobs sharing one run one at a time, in enqueue order (seq), across every runner.
  // progress: what the handler last reported; result: what it answered on success; enqueued_by: who
  // asked (a person's handle), who may follow the job besides admins.
  await sql`alter table steward_job
    add column serial_key text,
    add column seq bigint generated always as identity,
    add column progress jsonb,
    add column result jsonb,
    add column enqueued_by text`.execute(db);
  await sql`create index steward_job_serial on steward_job (serial_key, seq)
    where serial_key is not null and state in ('pending', 'running')`.execute(db);
  // Pruning finished jobs looks them up by when they finished.
  await sql`create index steward_job_finished on steward_job (finished_at)
    where state in ('succeeded', 'dead', 'cancelled')`.execute(db);
}

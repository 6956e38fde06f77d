// Writing new jobs: one, or many in one statement, in the caller's transaction when given one. A dedup
// key taken by a pending or running job answers that job's id instead of a new one.
import { sql } from 'kysely';
import { conflict } from '../errors.ts';
import { afterMs, type Db } from './store.ts';

export interface NewJob {
  id: string;
  name: string;
  payload: unknown;
  maxAttempts: number;
  runAt?: Date | undefined;
  delayMs?: number | undefined;
  key?: string | undefined;
  serialKey?: string | undefined;
  enqueuedBy?: string | undefined;
}

/**
 * Inserts a job, or answers the id of the unfinished job that already has its key. With `notifyChannel`
 * (PostgreSQL) the same statement NOTIFYs the new job's run_at in epoch ms, so the notification is sent
 * exactly when the insert commits, inside the caller's transaction or not.
 */
export async function insertJob(
  db: Db,
  job: NewJob,
  notifyChannel?: string,
): Promise<{ id: string; created: boolean; runAt: Date }> {
  // The job holding the key may finish between the insert and the look-up: then insert again.
  for (let round = 0; round < 5; round++) {
    const insert = db
      .insertInto('steward_job')
      .values({
        id: job.id,
        name: job.name,
        payload: sql`${JSON.stringify(job.payload ?? null)}::jsonb`,
        state: 'pending',
        dedup_key: job.key ?? null,
        run_at: job.runAt ?? afterMs(job.delayMs ?? 0),
        max_attempts: job.maxAttempts,
        serial_key: job.serialKey ?? null,
        enqueued_by: job.enqueuedBy ?? null,
      })
      .onConflict((oc) =>
        oc
          .columns(['name', 'dedup_key'])
          .where(sql<boolean>`dedup_key is not null and state in ('pending', 'running')`)
          .doNothing(),
      )
      .returning(['id', 'run_at']);
    const inserted = notifyChannel
      ? await db
          .with('inserted', () => insert)
          .selectFrom('inserted')
          .select(['id', 'run_at'])
          .select(sql`pg_notify(${notifyChannel}, (extract(epoch from run_at) * 1000)::bigint::text)`.as('n'))
          .executeTakeFirst()
      : await insert.executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true, runAt: inserted.run_at };
    const existing = await db
      .selectFrom('steward_job')
      .select(['id', 'run_at'])
      .where('name', '=', job.name)
      .where('dedup_key', '=', job.key ?? null)
      .where('state', 'in', ['pending', 'running'])
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false, runAt: existing.run_at };
  }
  throw conflict(`job ${job.name} with key ${job.key}: kept finishing while being enqueued; try again`);
}

/**
 * Many jobs of one name in one statement, for a caller that enqueues a batch (alerts opened by one
 * request). Answers each job's id in order: a new one, or the unfinished job's that already has the
 * key (two of the batch with one key are one job). The NOTIFY is the caller's: one for the batch, with
 * the earliest run_at created (`notifyChannel` only serves the rare retry of a key, as insertJob's).
 */
export async function insertJobs(
  db: Db,
  jobs: readonly NewJob[],
  notifyChannel?: string,
): Promise<{ ids: string[]; created: number; earliest: Date | null }> {
  const rows = jobs.map((job) => ({
    id: job.id,
    name: job.name,
    payload: sql`${JSON.stringify(job.payload ?? null)}::jsonb`,
    state: 'pending' as const,
    dedup_key: job.key ?? null,
    run_at: job.runAt ?? afterMs(job.delayMs ?? 0),
    max_attempts: job.maxAttempts,
    serial_key: job.serialKey ?? null,
    enqueued_by: job.enqueuedBy ?? null,
  }));
  const inserted = rows.length
    ? await db
        .insertInto('steward_job')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['name', 'dedup_key'])
            .where(sql<boolean>`dedup_key is not null and state in ('pending', 'running')`)
            .doNothing(),
        )
        .returning(['id', 'run_at'])
        .execute()
    : [];
  const made = new Set(inserted.map((row) => row.id));
  let earliest: Date | null = null;
  for (const row of inserted) if (!earliest || row.run_at < earliest) earliest = row.run_at;
  // A key already held (by an earlier job, or earlier in this batch): that job's id, as insertJob
  // answers; a holder that finished meanwhile is a rare race, left to insertJob's retries.
  const ids: string[] = [];
  let created = made.size;
  for (const job of jobs) {
    if (made.has(job.id)) {
      ids.push(job.id);
      continue;
    }
    const one = await insertJob(db, job, notifyChannel);
    ids.push(one.id);
    if (one.created && !notifyChannel) {
      created++;
      if (!earliest || one.runAt < earliest) earliest = one.runAt;
    }
  }
  return { ids, created, earliest };
}

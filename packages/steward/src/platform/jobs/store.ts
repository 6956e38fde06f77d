// The jobs table and every query on it. Times are the database's now(), so runners on
// different machines agree on what is due and whose lease ran out.
import { type Generated, type Kysely, type Selectable, sql } from 'kysely';
import { conflict, notFound } from '../errors.ts';

export const jobStates = ['pending', 'running', 'succeeded', 'dead', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export interface JobTable {
  id: string;
  name: string;
  payload: unknown;
  state: JobState;
  dedup_key: string | null;
  run_at: Date;
  attempts: Generated<number>;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
  serial_key: string | null;
  seq: Generated<string>;
  progress: unknown;
  result: unknown;
  enqueued_by: string | null;
}

export interface JobTables {
  steward_job: JobTable;
}

export type Db = Kysely<JobTables>;
type JobRow = Selectable<JobTable>;

export interface JobRecord {
  id: string;
  name: string;
  state: JobState;
  payload: unknown;
  key: string | null;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Jobs sharing a serial key run one at a time, in the order they were enqueued. */
  serialKey: string | null;
  /** What the handler last reported (null before it reported anything). */
  progress: unknown;
  /** What the handler answered, once it succeeded. */
  result: unknown;
  /** The handle of the person who asked for the job; null for Steward's own. */
  enqueuedBy: string | null;
}

/** A job a runner now holds: its lease is `attempt`, the number this attempt has. */
export interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  serialKey: string | null;
}

export const afterMs = (ms: number) => sql<Date>`now() + ${ms}::float8 * interval '1 millisecond'`;
const nameIn = (names: string[]) => sql<boolean>`name in (${sql.join(names)})`;
/**
 * A pending job may start unless a job with its serial key is running, or is pending and was enqueued
 * before it: so jobs of one key run one at a time and in order, whichever runners claim them. Under
 * READ COMMITTED a concurrent claim of the earlier job still sees it pending, so it blocks this one too.
 */
const serialTurn = sql<boolean>`(j.serial_key is null or not exists (
  select 1 from steward_job o where o.serial_key = j.serial_key and o.id <> j.id
    and (o.state = 'running' or (o.state = 'pending' and o.seq < j.seq))))`;
const leaseExpired = sql<string>`'attempt ' || attempts || ' of ' || max_attempts
  || ' did not finish: the lease of runner ' || locked_by || ' ran out (it stopped or crashed)'`;

export async function claimJobs(
  db: Db,
  claim: { runnerId: string; names: string[]; limit: number; leaseMs: number },
): Promise<ClaimedJob[]> {
  const { rows } = await sql<{
    id: string;
    name: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
    serial_key: string | null;
  }>`
    update steward_job set
      state = 'running',
      attempts = attempts + 1,
      last_error = case when state = 'running' then ${leaseExpired} else last_error end,
      locked_by = ${claim.runnerId},
      locked_until = ${afterMs(claim.leaseMs)}
    where id in (
      select id from steward_job j
      where ${nameIn(claim.names)}
        and ((state = 'pending' and run_at <= now() and ${serialTurn})
          or (state = 'running' and locked_until < now() and attempts < max_attempts))
      order by run_at, seq
      limit ${claim.limit}
      for update skip locked)
    returning id, name, payload, attempts, max_attempts, serial_key`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    payload: r.payload,
    attempt: r.attempts,
    maxAttempts: r.max_attempts,
    serialKey: r.serial_key,
  }));
}

/** Jobs whose last allowed attempt crashed with its runner go to dead instead of running again. */
export async function buryAbandonedJobs(db: Db, names: string[]): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    update steward_job set state = 'dead', finished_at = now(), last_error = ${leaseExpired},
      locked_by = null, locked_until = null
    where ${nameIn(names)} and state = 'running' and locked_until < now() and attempts >= max_attempts
    returning name`.execute(db);
  return rows.map((r) => r.name);
}

/** Extends this runner's leases; answers the ids it still holds (the others were taken over). */
export async function extendLeases(db: Db, runnerId: string, ids: string[], leaseMs: number) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .updateTable('steward_job')
    .set({ locked_until: afterMs(leaseMs) })
    .where('id', 'in', ids)
    .where('locked_by', '=', runnerId)
    .where('state', '=', 'running')
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

interface Held {
  id: string;
  runnerId: string;
  attempt: number;
}

const heldBy = (held: Held) => (db: Db) =>
  db
    .updateTable('steward_job')
    .where('id', '=', held.id)
    .where('locked_by', '=', held.runnerId)
    .where('attempts', '=', held.attempt)
    .where('state', '=', 'running');

/** Each of these answers false when the runner no longer held the job (its lease was taken over). */
export async function markSucceeded(db: Db, held: Held, result: unknown): Promise<boolean> {
  const updated = await heldBy(held)(db)
    .set({
      state: 'succeeded',
      finished_at: sql`now()`,
      locked_by: null,
      locked_until: null,
      result: sql`${JSON.stringify(result ?? null)}::jsonb`,
    })
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Stores what the handler reports of its progress, while the runner still holds the job. */
export async function recordProgress(db: Db, held: Held, progress: unknown): Promise<boolean> {
  const result = await heldBy(held)(db)
    .set({ progress: sql`${JSON.stringify(progress ?? null)}::jsonb` })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markFailed(
  db: Db,
  held: Held,
  outcome: { error: string; retryInMs: number | null },
): Promise<boolean> {
  const dead = outcome.retryInMs === null;
  const result = await heldBy(held)(db)
    .set({
      state: dead ? 'dead' : 'pending',
      last_error: outcome.error,
      locked_by: null,
      locked_until: null,
      finished_at: dead ? sql`now()` : null,
      run_at: dead ? sql`run_at` : afterMs(outcome.retryInMs ?? 0),
    })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Hands jobs back unfinished (the runner is stopping), claimable at once by any runner. */
export async function releaseJobs(db: Db, runnerId: string, ids: string[], reason: string): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('steward_job')
    .set({ state: 'pending', run_at: sql`now()`, locked_by: null, locked_until: null, last_error: reason })
    .where('id', 'in', ids)
    .where('locked_by', '=', runnerId)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Milliseconds until the next of these jobs is due or a lease runs out; null when there is none. */
export async function msUntilNextDue(db: Db, names: string[]): Promise<number | null> {
  const { rows } = await sql<{ ms: number | null }>`
    select (extract(epoch from least(
      (select min(run_at) from steward_job j where state = 'pending' and ${nameIn(names)} and ${serialTurn}),
      (select min(locked_until) from steward_job where state = 'running' and ${nameIn(names)})
    ) - now()) * 1000)::float8 as ms`.execute(db);
  return rows[0]?.ms ?? null;
}

export interface JobFilter {
  state?: JobState | undefined;
  name?: string | undefined;
  limit: number;
}

/** Newest first. */
export async function listJobs(db: Db, filter: JobFilter): Promise<JobRecord[]> {
  let query = db.selectFrom('steward_job').selectAll();
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.name) query = query.where('name', '=', filter.name);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute();
  return rows.map(toRecord);
}

export async function getJob(db: Db, id: string): Promise<JobRecord | undefined> {
  const row = await db.selectFrom('steward_job').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** Deletes finished jobs (succeeded, dead, cancelled) that finished more than `olderThanMs` ago. */
export async function pruneFinishedJobs(db: Db, olderThanMs: number): Promise<number> {
  const result = await db
    .deleteFrom('steward_job')
    .where('state', 'in', ['succeeded', 'dead', 'cancelled'])
    .where('finished_at', '<', sql<Date>`now() - ${olderThanMs}::float8 * interval '1 millisecond'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Gives a dead job a fresh set of attempts, due now. */
export async function retryDeadJob(db: Db, id: string): Promise<JobRecord> {
  let row: JobRow | undefined;
  try {
    row = await db
      .updateTable('steward_job')
      .set({ state: 'pending', attempts: 0, run_at: sql`now()`, finished_at: null })
      .where('id', '=', id)
      .where('state', '=', 'dead')
      .returningAll()
      .executeTakeFirst();
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    const job = await getJob(db, id);
    throw conflict(
      `job ${id} has key ${JSON.stringify(job?.key)}, and another ${job?.name} job with that key is already pending or running; cancel or wait for it first`,
    );
  }
  if (row) return toRecord(row);
  const job = await getJob(db, id);
  if (!job) throw notFound(`no job with id ${id}; GET /api/v1/jobs lists them`);
  throw conflict(`job ${id} is ${job.state}; only dead jobs can be retried`);
}

/** Cancels a job that has not started; answers whether it did. */
export async function cancelJob(db: Db, which: { id: string } | { name: string; key: string }) {
  let query = db
    .updateTable('steward_job')
    .set({ state: 'cancelled', finished_at: sql`now()` })
    .where('state', '=', 'pending');
  query =
    'id' in which
      ? query.where('id', '=', which.id)
      : query.where('name', '=', which.name).where('dedup_key', '=', which.key);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countJobsByState(db: Db): Promise<Record<JobState, number>> {
  const rows = await db
    .selectFrom('steward_job')
    .select(['state', sql<number>`count(*)::int`.as('count')])
    .groupBy('state')
    .execute();
  const counts = Object.fromEntries(jobStates.map((s) => [s, 0])) as Record<JobState, number>;
  for (const row of rows) counts[row.state] = row.count;
  return counts;
}

/** How long the longest-waiting due job has been waiting; 0 when none is due. */
export async function oldestDueAgeSeconds(db: Db): Promise<number> {
  const { rows } = await sql<{ age: number }>`
    select coalesce(extract(epoch from now() - min(run_at)), 0)::float8 as age
    from steward_job where state = 'pending' and run_at <= now()`.execute(db);
  return rows[0]?.age ?? 0;
}

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    payload: row.payload,
    key: row.dedup_key,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    serialKey: row.serial_key,
    progress: row.progress ?? null,
    result: row.result ?? null,
    enqueuedBy: row.enqueued_by,
  };
}

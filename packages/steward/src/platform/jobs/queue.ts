// The producing side of the jobs table: enqueue (optionally inside the caller's transaction),
// cancel, list and retry. A JobRunner is a queue that also runs jobs.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { JobDefinition } from './definition.ts';
import { insertJob, insertJobs } from './insert-jobs.ts';
import {
  cancelJob,
  getJob,
  type JobFilter,
  type JobRecord,
  type JobTables,
  listJobs,
  retryDeadJob,
} from './store.ts';

export interface EnqueueOptions<Tables = unknown> {
  /** When to run it, at the earliest; default now. */
  runAt?: Date;
  /** Or: run it this many milliseconds from now (database time). */
  delayMs?: number;
  /** Enqueueing a key while a job of this name with that key is pending or running returns that job's id. */
  key?: string;
  /** Jobs with the same serial key run one at a time, in the order they were enqueued, across runners. */
  serialKey?: string;
  /** The handle of the person asking: they may follow the job (GET /api/v1/jobs/{id}, `job:<id>`). */
  enqueuedBy?: string;
  /** The caller's transaction: the job exists if and only if it commits. */
  trx?: Transaction<Tables>;
}

export class JobQueue {
  /** The notification channel enqueues wake runners on; the payload is the job's run_at in epoch ms. */
  static readonly channel = 'steward_jobs';
  protected readonly database: Database;

  constructor(database: Database) {
    this.database = database;
  }

  /** Answers the job's id: a new one, or the pending job's that already has the key. */
  async enqueue<Payload, Tables>(
    definition: JobDefinition<Payload>,
    payload: NoInfer<Payload>,
    options: EnqueueOptions<Tables> = {},
  ): Promise<string> {
    checkTiming(definition.name, options);
    const checked = definition.parsePayload(payload);
    const db = (options.trx ?? this.database.kysely()) as unknown as Kysely<JobTables>;
    // PostgreSQL: the insert NOTIFYs in the same statement, so the wake-up is sent when it commits.
    // PGlite: one connection, so a woken runner's claim waits for the caller's transaction anyway.
    const inSameStatement = this.database.engine === 'postgres' ? JobQueue.channel : undefined;
    const job = {
      id: randomUUID(),
      name: definition.name,
      payload: checked,
      maxAttempts: definition.maxAttempts,
      runAt: options.runAt,
      delayMs: options.delayMs,
      key: options.key,
      serialKey: options.serialKey,
      enqueuedBy: options.enqueuedBy,
    };
    const { id, created, runAt } = await insertJob(db, job, inSameStatement);
    if (created && !inSameStatement) await this.database.notify(JobQueue.channel, String(runAt.getTime()));
    return id;
  }

  /**
   * Many jobs of one definition in one statement, each as `enqueue` would make it (its own timing and
   * keys); `trx` is shared. Answers their ids in order. One wake-up for the batch, sent when it commits.
   */
  async enqueueMany<Payload, Tables>(
    definition: JobDefinition<Payload>,
    items: readonly { payload: NoInfer<Payload>; options?: Omit<EnqueueOptions, 'trx'> }[],
    options: Pick<EnqueueOptions<Tables>, 'trx'> = {},
  ): Promise<string[]> {
    const jobs = items.map(({ payload, options: one = {} }) => {
      checkTiming(definition.name, one);
      return {
        id: randomUUID(),
        name: definition.name,
        payload: definition.parsePayload(payload),
        maxAttempts: definition.maxAttempts,
        runAt: one.runAt,
        delayMs: one.delayMs,
        key: one.key,
        serialKey: one.serialKey,
        enqueuedBy: one.enqueuedBy,
      };
    });
    if (jobs.length === 0) return [];
    const db = (options.trx ?? this.database.kysely()) as unknown as Kysely<JobTables>;
    const postgres = this.database.engine === 'postgres';
    const { ids, earliest } = await insertJobs(db, jobs, postgres ? JobQueue.channel : undefined);
    if (earliest) {
      // PostgreSQL: NOTIFY on the inserting connection is sent when its transaction commits.
      if (postgres)
        await sql`select pg_notify(${JobQueue.channel}, ${String(earliest.getTime())})`.execute(db);
      else await this.database.notify(JobQueue.channel, String(earliest.getTime()));
    }
    return ids;
  }

  /** Cancels a job that has not started yet; answers whether there was one. */
  cancel(id: string): Promise<boolean> {
    return cancelJob(this.jobs(), { id });
  }

  /** Cancels a job that has not started, answering it; a conflict when it started or finished. */
  async cancelPending(id: string): Promise<JobRecord> {
    const cancelled = await this.cancel(id);
    const job = await this.get(id);
    if (!job) throw notFound(`no job with id ${id}; GET /api/v1/jobs lists them`);
    if (!cancelled) {
      throw conflict(
        `job ${id} is ${job.state}; only a pending job can be cancelled${job.state === 'running' ? ' (a running one finishes its attempt)' : ''}`,
      );
    }
    return job;
  }

  /** Cancels the pending job of this definition with this key (an escalation that was acknowledged…). */
  cancelByKey(definition: JobDefinition<unknown>, key: string): Promise<boolean> {
    return cancelJob(this.jobs(), { name: definition.name, key });
  }

  list(filter: JobFilter): Promise<JobRecord[]> {
    return listJobs(this.jobs(), filter);
  }

  get(id: string): Promise<JobRecord | undefined> {
    return getJob(this.jobs(), id);
  }

  /**
   * Waits until the job has finished (succeeded, dead or cancelled) and answers it, looking every
   * `pollMs`; `onProgress` hears each new progress seen on the way.
   */
  async waitFor(
    id: string,
    options: { pollMs?: number; signal?: AbortSignal; onProgress?: (progress: unknown) => void } = {},
  ): Promise<JobRecord> {
    let seen: string | undefined;
    for (;;) {
      options.signal?.throwIfAborted();
      const job = await this.get(id);
      if (!job) throw notFound(`no job with id ${id}: it was deleted while being waited for`);
      const progress = JSON.stringify(job.progress);
      if (job.progress !== null && progress !== seen) options.onProgress?.(job.progress);
      seen = progress;
      if (finishedStates.has(job.state)) return job;
      await sleep(options.pollMs ?? 200, undefined, { signal: options.signal });
    }
  }

  /** Moves a dead job back to pending with a fresh set of attempts. */
  async retry(id: string): Promise<JobRecord> {
    const job = await retryDeadJob(this.jobs(), id);
    await this.database.notify(JobQueue.channel, String(job.runAt.getTime()));
    return job;
  }

  private jobs(): Kysely<JobTables> {
    return this.database.kysely<JobTables>();
  }
}

const finishedStates = new Set(['succeeded', 'dead', 'cancelled']);

function checkTiming(name: string, options: Omit<EnqueueOptions, 'trx'>): void {
  if (options.runAt !== undefined && options.delayMs !== undefined) {
    throw invalid(`job ${name}: give runAt or delayMs, not both`);
  }
  if (options.runAt !== undefined && Number.isNaN(options.runAt.getTime())) {
    throw invalid(`job ${name}: runAt is not a valid date`);
  }
  if (options.delayMs !== undefined && !(Number.isFinite(options.delayMs) && options.delayMs >= 0)) {
    throw invalid(
      `job ${name}: delayMs must be a number of milliseconds, at least 0, got ${options.delayMs}`,
    );
  }
  if (options.key !== undefined && (options.key.length === 0 || options.key.length > 500)) {
    throw invalid(`job ${name}: key must be 1 to 500 characters long`);
  }
  if (options.serialKey !== undefined && (options.serialKey.length === 0 || options.serialKey.length > 500)) {
    throw invalid(`job ${name}: serialKey must be 1 to 500 characters long`);
  }
}

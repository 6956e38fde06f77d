// Old finished jobs are deleted on a schedule: a `jobs.prune` job due at each whole interval (the same
// instants on every server), enqueued under one dedup key, so one server prunes at each of them.
import type { Database } from '../db/database.ts';
import { defineJob, type JobDefinition } from './definition.ts';
import type { JobQueue } from './queue.ts';
import { type JobTables, pruneFinishedJobs } from './store.ts';

export interface PruneOptions {
  /** Finished jobs (succeeded, dead, cancelled) older than this are deleted. */
  retainMs: number;
  /** How often (default hourly). */
  everyMs?: number | undefined;
}

export const pruneJobName = 'jobs.prune';

/** Idempotent: deleting what is already deleted deletes nothing. */
export function pruneJob(database: Database, options: PruneOptions) {
  return defineJob({
    name: pruneJobName,
    maxAttempts: 3,
    handler: async () => ({
      deleted: await pruneFinishedJobs(database.kysely<JobTables>(), options.retainMs),
    }),
  });
}

/** Keeps the next prune job enqueued; checked on the runner's full ticks, at most once a minute. */
export class PruneSchedule {
  private checkedAt = 0;
  private readonly queue: JobQueue;
  private readonly job: JobDefinition<unknown>;
  private readonly options: PruneOptions;

  constructor(queue: JobQueue, job: JobDefinition<unknown>, options: PruneOptions) {
    this.queue = queue;
    this.job = job;
    this.options = options;
  }

  async ensureScheduled(now = Date.now()): Promise<void> {
    if (now - this.checkedAt < 60_000) return;
    this.checkedAt = now;
    const everyMs = this.options.everyMs ?? 60 * 60 * 1000;
    const runAt = new Date(Math.ceil((now + 1) / everyMs) * everyMs);
    // While one is pending or running, the key answers it: servers do not stack up prunes.
    await this.queue.enqueue(this.job, {}, { runAt, key: pruneJobName });
  }
}

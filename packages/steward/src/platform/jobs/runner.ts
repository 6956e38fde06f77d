// Claims due jobs from the table and runs their handlers, woken by NOTIFY, by a timer for the next
// run_at, and by a slow poll in case a notification was missed. Any number of runners may share a database.
// Handlers must be idempotent: a job whose lease runs out while its runner is paused runs again
// elsewhere, possibly at the same time (the contract is at the top of definition.ts).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import type { Metrics } from '../metrics.ts';
import { runAttempt } from './attempt.ts';
import { backoffDelay, type JobDefinition } from './definition.ts';
import { type OutcomeCounter, registerJobMetrics, uncountedOutcomes } from './job-metrics.ts';
import { JobProgress } from './job-progress.ts';
import { type PruneOptions, PruneSchedule, pruneJob } from './prune-job.ts';
import { JobQueue } from './queue.ts';
import {
  buryAbandonedJobs,
  type ClaimedJob,
  claimJobs,
  extendLeases,
  type JobTables,
  markFailed,
  markSucceeded,
  msUntilNextDue,
  recordProgress,
  releaseJobs,
} from './store.ts';
import { WakeTimer } from './wake-timer.ts';

export interface JobRunnerOptions {
  database: Database;
  logger: Logger;
  /** Where the queue gauges and outcome counter go; absent means not measured. */
  metrics?: Metrics | undefined;
  /** Handlers running at once in this runner. */
  concurrency?: number;
  /** Fallback for missed notifications: the longest a due job waits unnoticed. */
  pollIntervalMs?: number;
  /** How long a claim holds without a heartbeat; a crashed runner's jobs run again after it. */
  leaseMs?: number;
  /** How long stop() waits for running handlers before handing their jobs back. */
  stopTimeoutMs?: number;
  /**
   * Where progress and outcomes go live, on the topic `job:<id>`: `job.progress` `{ id, name, progress }`,
   * `job.finished` `{ id, name, state, result, error }` (state succeeded or dead) and `job.retrying`.
   */
  publish?: ((topic: string, type: string, data: unknown) => Promise<unknown>) | undefined;
  /** Least time between two progress writes of one job (default 1000 ms). */
  progressIntervalMs?: number;
  /** Deletes finished jobs older than the retention, on a schedule shared by all runners; absent: kept. */
  prune?: PruneOptions | undefined;
}

interface Running {
  name: string;
  controller: AbortController;
  done: Promise<void>;
}

const shortestWakeMs = 10;

export class JobRunner extends JobQueue {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger: Logger;
  private readonly outcomes: OutcomeCounter;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly stopTimeoutMs: number;
  private readonly progressIntervalMs: number;
  private readonly publish: JobRunnerOptions['publish'];
  private readonly pruning: PruneSchedule | undefined;
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private readonly running = new Map<string, Running>();
  private readonly handedBack = new Set<string>();
  private started = false;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private ticking: Promise<void> | undefined;
  private tickAgain: 'claim' | 'full' | undefined;
  private readonly timer = new WakeTimer(() => this.wake('full'));
  private heartbeat: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(options: JobRunnerOptions) {
    super(options.database);
    this.logger = options.logger.child({ component: 'jobs', runner: this.id });
    this.outcomes = options.metrics
      ? registerJobMetrics(options.metrics, options.database, this.logger)
      : uncountedOutcomes;
    this.concurrency = options.concurrency ?? 4;
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.progressIntervalMs = options.progressIntervalMs ?? 1000;
    this.publish = options.publish;
    if (options.prune) {
      const job = pruneJob(options.database, options.prune);
      this.definitions.set(job.name, job as JobDefinition<unknown>);
      this.pruning = new PruneSchedule(this, job, options.prune);
    }
  }

  /** Makes this runner run jobs of these definitions; jobs of other names are left to other runners. */
  register(...definitions: JobDefinition<unknown>[]): void {
    for (const definition of definitions) this.definitions.set(definition.name, definition);
    this.wake('full');
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.unlisten = await this.database.listen(JobQueue.channel, (payload) => this.onEnqueued(payload), {
      // Wake-ups sent while the listener was down are lost: look for due jobs once it is back.
      onMissed: () => this.wake('full'),
    });
    this.heartbeat = setInterval(() => void this.renewLeases(), this.leaseMs / 3);
    this.heartbeat.unref();
    this.wake('full');
  }

  /** Stops claiming, lets running handlers finish (up to stopTimeoutMs), hands back the rest. */
  stop(): Promise<void> {
    if (!this.started) return Promise.resolve();
    this.stopped ??= (async () => {
      this.stopping = true;
      this.timer.clear();
      await this.unlisten?.();
      await this.ticking;
      if (!(await this.allFinishedWithin(this.stopTimeoutMs))) await this.handBackUnfinished();
      clearInterval(this.heartbeat);
      this.started = false;
      this.stopped = undefined;
    })();
    return this.stopped;
  }

  /** The payload is the new job's run_at in epoch ms (see JobQueue.enqueue). */
  private onEnqueued(payload: string): void {
    const runAt = Number(payload);
    const now = Date.now();
    if (!Number.isFinite(runAt) || runAt <= now) this.wake('claim');
    else this.timer.bringForward(Math.min(runAt + 1, now + this.pollIntervalMs));
  }

  /**
   * A 'claim' tick only claims: enough after an enqueue or a finished handler. A 'full' tick, on the
   * timer, also dead-letters abandoned last attempts and sets the timer for the next due job.
   */
  private wake(kind: 'claim' | 'full'): void {
    if (!this.started || this.stopping) return;
    if (this.ticking) {
      if (this.tickAgain !== 'full') this.tickAgain = kind;
      return;
    }
    this.ticking = this.tick(kind).finally(() => {
      this.ticking = undefined;
      const again = this.tickAgain;
      this.tickAgain = undefined;
      if (again) this.wake(again);
    });
  }

  private async tick(kind: 'claim' | 'full'): Promise<void> {
    const names = [...this.definitions.keys()];
    if (names.length === 0) return;
    const db = this.database.kysely<JobTables>();
    try {
      if (kind === 'full') {
        for (const name of await buryAbandonedJobs(db, names)) this.outcomes.inc({ name, outcome: 'dead' });
        await this.pruning?.ensureScheduled();
      }
      let room = this.concurrency - this.running.size;
      while (room > 0 && !this.stopping) {
        const jobs = await claimJobs(db, { runnerId: this.id, names, limit: room, leaseMs: this.leaseMs });
        for (const job of jobs) this.launch(job);
        if (jobs.length < room) break;
        room = this.concurrency - this.running.size;
      }
      if (kind === 'full' && !this.stopping) {
        // With every slot busy, a finishing handler wakes us: a due backlog must not spin the timer.
        const due = room > 0 ? await msUntilNextDue(db, names) : null;
        const wakeInMs = due === null ? this.pollIntervalMs : Math.max(shortestWakeMs, Math.ceil(due) + 1);
        this.timer.set(Date.now() + Math.min(this.pollIntervalMs, wakeInMs));
      }
    } catch (error) {
      this.logger.error({ err: error }, 'could not claim jobs; trying again at the next poll');
      if (!this.stopping) this.timer.bringForward(Date.now() + this.pollIntervalMs);
    }
  }

  private launch(job: ClaimedJob): void {
    const definition = this.definitions.get(job.name) as JobDefinition<unknown>;
    const controller = new AbortController();
    const entry: Running = { name: job.name, controller, done: Promise.resolve() };
    this.running.set(job.id, entry);
    entry.done = this.execute(job, definition, controller).finally(() => {
      this.running.delete(job.id);
      this.wake('claim');
    });
  }

  private async execute(job: ClaimedJob, definition: JobDefinition<unknown>, controller: AbortController) {
    const db = this.database.kysely<JobTables>();
    const held = { id: job.id, runnerId: this.id, attempt: job.attempt };
    const log = this.logger.child({ job: job.name, jobId: job.id, attempt: job.attempt });
    const topic = `job:${job.id}`;
    const progress = new JobProgress(
      {
        store: (value) => recordProgress(db, held, value),
        publish: (value) =>
          this.announce(topic, 'job.progress', { id: job.id, name: job.name, progress: value }),
      },
      log,
      this.progressIntervalMs,
    );
    const outcome = await runAttempt(definition, job, controller, this.logger, progress.report);
    await progress.close();
    if (this.handedBack.delete(job.id)) return;
    try {
      if (outcome.ok) {
        if (await markSucceeded(db, held, outcome.result)) {
          this.outcomes.inc({ name: job.name, outcome: 'succeeded' });
          const finished = {
            id: job.id,
            name: job.name,
            state: 'succeeded',
            result: outcome.result,
            error: null,
          };
          await this.announce(topic, 'job.finished', finished);
          await this.nextInLine(job);
        } else log.warn('job finished after its lease was taken over; the other runner owns it now');
        return;
      }
      const retry = !outcome.permanent && job.attempt < job.maxAttempts;
      const retryInMs = retry ? backoffDelay(definition.backoff, job.attempt) : null;
      if (!(await markFailed(db, held, { error: outcome.error, retryInMs }))) {
        log.warn({ error: outcome.error }, 'job failed after its lease was taken over');
        return;
      }
      this.outcomes.inc({ name: job.name, outcome: retry ? 'retrying' : 'dead' });
      if (retry) {
        await this.announce(topic, 'job.retrying', {
          id: job.id,
          name: job.name,
          attempt: job.attempt,
          error: outcome.error,
          retryInMs,
        });
      } else {
        const dead = { id: job.id, name: job.name, state: 'dead', result: null, error: outcome.error };
        await this.announce(topic, 'job.finished', dead);
        await this.nextInLine(job);
      }
      if (retryInMs !== null && !this.stopping) {
        this.timer.bringForward(Date.now() + Math.min(retryInMs + 1, this.pollIntervalMs));
      }
      if (retry) log.warn({ error: outcome.error, retryInMs }, 'job attempt failed; will retry');
      else log.error({ error: outcome.error }, 'job failed for good: dead-lettered');
    } catch (error) {
      // Its lease will run out and another attempt will run: handlers must be idempotent.
      log.error({ err: error }, 'could not record the outcome of a job');
    }
  }

  /** A serial job finished: the next of its key may start, on whichever runner hears first. */
  private async nextInLine(job: ClaimedJob): Promise<void> {
    if (job.serialKey === null) return;
    await this.database
      .notify(JobQueue.channel, String(Date.now()))
      .catch((error) => this.logger.warn({ err: error }, 'could not wake runners for the next serial job'));
  }

  private async announce(topic: string, type: string, data: unknown): Promise<void> {
    try {
      await this.publish?.(topic, type, data);
    } catch (error) {
      this.logger.warn({ err: error, topic, type }, 'could not publish a job event');
    }
  }

  private async renewLeases(): Promise<void> {
    const ids = [...this.running.keys()].filter((id) => !this.handedBack.has(id));
    try {
      const db = this.database.kysely<JobTables>();
      const held = await extendLeases(db, this.id, ids, this.leaseMs);
      for (const id of ids) {
        if (!held.has(id))
          this.running.get(id)?.controller.abort(new Error('another runner took the job over'));
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not renew job leases');
    }
  }

  private async allFinishedWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const finished = Promise.all([...this.running.values()].map((r) => r.done)).then(() => true as const);
    const result = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    return result;
  }

  private async handBackUnfinished(): Promise<void> {
    const ids = [...this.running.keys()];
    for (const [id, running] of this.running) {
      this.handedBack.add(id);
      running.controller.abort(new Error('the job runner is stopping'));
      this.outcomes.inc({ name: running.name, outcome: 'released' });
    }
    const reason = `an attempt was interrupted: runner ${this.id} stopped before its handler finished`;
    try {
      const db = this.database.kysely<JobTables>();
      const count = await releaseJobs(db, this.id, ids, reason);
      this.logger.warn({ count }, 'handed back jobs whose handlers did not finish in time');
      await this.database.notify(JobQueue.channel, String(Date.now()));
    } catch (error) {
      this.logger.error({ err: error }, 'could not hand back unfinished jobs; their leases will run out');
    }
  }
}

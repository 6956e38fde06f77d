// HTTP for the job queue: admins see what is queued or dead, retry and cancel; whoever asked for a job
// (and any admin) may follow it at its URL.
import type { Principal } from '../auth/principal.ts';
import { denialReason } from '../auth/principal.ts';
import { forbidden, notFound } from '../errors.ts';
import { callerOf } from '../http/caller.ts';
import { listOf } from '../http/list-schema.ts';
import type { RoutePlugin } from '../http/route-types.ts';
import type { TopicDefinition } from '../realtime/index.ts';
import type { JobQueue } from './queue.ts';
import { type JobView, jobIdParamsSchema, jobQuerySchema, jobSchema, jobUrl } from './schemas.ts';
import type { JobRecord } from './store.ts';

export function jobRoutes(jobs: JobQueue): RoutePlugin {
  return (app) => {
    app.get(
      '/api/v1/jobs',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['jobs'],
          summary: 'List background jobs, newest first',
          querystring: jobQuerySchema,
          response: { 200: listOf(jobSchema) },
        },
      },
      async (request) => ({ items: (await jobs.list(request.query)).map(toJobView) }),
    );
    app.get(
      '/api/v1/jobs/:id',
      {
        config: { access: 'read' },
        schema: {
          tags: ['jobs'],
          summary: 'One job: its state, progress, result or last error (admins, and whoever asked for it)',
          params: jobIdParamsSchema,
          response: { 200: jobSchema },
        },
      },
      async (request) => toJobView(await visibleJob(jobs, callerOf(request), request.params.id)),
    );
    app.post(
      '/api/v1/jobs/:id/retry',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['jobs'],
          summary: 'Move a dead job back to pending with a fresh set of attempts',
          params: jobIdParamsSchema,
          response: { 200: jobSchema },
        },
      },
      async (request) => toJobView(await jobs.retry(request.params.id)),
    );
    app.post(
      '/api/v1/jobs/:id/cancel',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['jobs'],
          summary: 'Cancel a job that has not started (a running one finishes its attempt)',
          params: jobIdParamsSchema,
          response: { 200: jobSchema },
        },
      },
      async (request) => toJobView(await jobs.cancelPending(request.params.id)),
    );
  };
}

/** Who may see a job: admins, and the person who asked for it. */
export function mayFollowJob(principal: Principal, job: Pick<JobRecord, 'enqueuedBy'>): boolean {
  if (denialReason(principal, 'admin') === null) return true;
  return job.enqueuedBy !== null && job.enqueuedBy === principal.handle;
}

async function visibleJob(jobs: JobQueue, principal: Principal, id: string): Promise<JobRecord> {
  const job = await jobs.get(id);
  if (!job) throw notFound(`no job with id ${id}; finished jobs are pruned after a while`);
  if (!mayFollowJob(principal, job)) {
    throw forbidden(`job ${id} was not started by you; only admins and whoever started a job may see it`);
  }
  return job;
}

export function toJobView(job: JobRecord): JobView {
  return {
    ...job,
    runAt: job.runAt.toISOString(),
    lockedUntil: job.lockedUntil?.toISOString() ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    url: jobUrl(job.id),
  };
}

/** The `job:<id>` topic of the live channel: a job's progress and outcome, for whoever may see the job. */
export function jobTopic(jobs: JobQueue): TopicDefinition {
  return {
    kind: 'job',
    authorise: async (principal, id) => {
      const job = id && /^[0-9a-f-]{36}$/.test(id) ? await jobs.get(id) : undefined;
      if (!job) return `no job ${id}; job:<id> takes the id a route answered with 202`;
      return mayFollowJob(principal, job) ? null : 'only admins and whoever started a job may follow it';
    },
    about:
      '`job:<id>`: `job.progress`, `job.retrying` and `job.finished` (state, result or error) of one background job; admins and whoever started it may follow it',
  };
}

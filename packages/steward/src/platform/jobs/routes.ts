// Admin HTTP for the job queue: see what is queued or dead, and send a dead job round again.

import { listOf } from '../http/list-schema.ts';
import type { RoutePlugin } from '../http/route-types.ts';
import type { JobQueue } from './queue.ts';
import { type JobView, jobIdParamsSchema, jobQuerySchema, jobSchema } from './schemas.ts';
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
  };
}

function toJobView(job: JobRecord): JobView {
  return {
    ...job,
    runAt: job.runAt.toISOString(),
    lockedUntil: job.lockedUntil?.toISOString() ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

// Catalog sources over HTTP: list them, add a git repository or an upload (admins), refresh, remove.
// Reading and removing are jobs: those routes answer 202 with the job's URL (also in Location), where
// its state, progress and result are (and live on the topic `job:<id>`).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { callerOf } from '../../../platform/http/caller.ts';
import { listOf } from '../../../platform/http/list-schema.ts';
import type { TypedApp } from '../../../platform/http/route-types.ts';
import { jobUrl, startedJobSchema } from '../../../platform/jobs/index.ts';
import type { CatalogService } from '../catalog-service.ts';
import { listSources } from '../queries/source-views.ts';
import { sourceView } from '../queries/views.ts';
import {
  catalogSourceSchema,
  createSourceSchema,
  rejectedListSchema,
  rejectedQuerySchema,
  sourceParamsSchema,
} from '../schemas.ts';
import { addSource, refreshSource, removeSource } from '../source-operations.ts';
import { findRejections } from '../store/rejections.ts';
import type { SourceRow } from '../store/tables.ts';

const tags = ['catalog'];
/** Uploads carry a whole catalog: far more than an ordinary request. */
const uploadBodyLimit = 256 * 1024 * 1024;

const startedSchema = z.object({
  job: startedJobSchema,
  source: catalogSourceSchema.describe('the source as it is now, before the job has run'),
});

function started(reply: FastifyReply, started: { source: SourceRow; jobId: string }) {
  const url = jobUrl(started.jobId);
  return reply
    .code(202)
    .header('location', url)
    .send({ job: { id: started.jobId, url }, source: sourceView(started.source) });
}

export function sourceRoutes(service: CatalogService) {
  const ctx = service.sources;
  return (app: TypedApp) => {
    app.get(
      '/api/v1/catalog/sources',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Where the catalog comes from, with the state of the last read',
          response: { 200: listOf(catalogSourceSchema) },
        },
      },
      async () => ({ items: await listSources(ctx.db) }),
    );

    app.get(
      '/api/v1/catalog/rejected',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary:
            'Entities the sources hold that were rejected for errors (so are not in the catalog), with their problems',
          querystring: rejectedQuerySchema,
          response: { 200: rejectedListSchema },
        },
      },
      async (request) => ({
        items: await findRejections(ctx.db, { all: true, source: request.query.source }),
      }),
    );

    app.post(
      '/api/v1/catalog/sources',
      {
        bodyLimit: uploadBodyLimit,
        // An uploaded file's NUL or lone surrogate is a problem at its file:line:col, not a 400 for all.
        config: { access: 'admin', fileTextFields: /^body\.files\.\d+\.content$/ },
        schema: {
          tags,
          summary:
            'Add a git repository (cloned by the server) or upload files (again under the same name: replace them); a job reads it: its result is the ingest summary',
          body: createSourceSchema,
          response: { 202: startedSchema },
        },
      },
      async (request, reply) => started(reply, await addSource(ctx, callerOf(request), request.body)),
    );

    app.post(
      '/api/v1/catalog/sources/:id/refresh',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary:
            'Read a source again (fetching the repository), as a job after any other of this source; only what changed is written, all at once',
          params: sourceParamsSchema,
          response: { 202: startedSchema },
        },
      },
      async (request, reply) =>
        started(reply, await refreshSource(ctx, callerOf(request), request.params.id)),
    );

    app.delete(
      '/api/v1/catalog/sources/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary:
            'Remove a source with its entities and every relation they declared, both ways, as a job; its result is `{ removed }` (entities removed)',
          params: sourceParamsSchema,
          response: { 202: startedSchema },
        },
      },
      async (request, reply) => started(reply, await removeSource(ctx, callerOf(request), request.params.id)),
    );
  };
}

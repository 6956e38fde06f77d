// Catalog sources over HTTP: list them, add a git repository or an upload (admins), refresh, remove.
import { z } from 'zod';
import { callerOf } from '../../../platform/http/caller.ts';
import { listOf } from '../../../platform/http/list-schema.ts';
import type { TypedApp } from '../../../platform/http/route-types.ts';
import type { CatalogService } from '../catalog-service.ts';
import {
  catalogSourceSchema,
  createSourceSchema,
  ingestSummarySchema,
  sourceParamsSchema,
} from '../schemas.ts';
import { addSource, refreshSource, removeSource } from '../source-operations.ts';
import { listSources, summaryView } from './source-views.ts';

const tags = ['catalog'];
/** Uploads carry a whole catalog: far more than an ordinary request. */
const uploadBodyLimit = 256 * 1024 * 1024;

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

    app.post(
      '/api/v1/catalog/sources',
      {
        bodyLimit: uploadBodyLimit,
        // An uploaded file's NUL or lone surrogate is a problem at its file:line:col, not a 400 for all.
        config: { access: 'admin', fileTextFields: /^body\.files\.\d+\.content$/ },
        schema: {
          tags,
          summary:
            'Add a git repository (cloned by the server) or upload files (again under the same name: replace them)',
          body: createSourceSchema,
          response: { 200: ingestSummarySchema, 201: ingestSummarySchema },
        },
      },
      async (request, reply) => {
        const { created, summary } = await addSource(ctx, callerOf(request), request.body);
        return reply.code(created ? 201 : 200).send(summaryView(summary));
      },
    );

    app.post(
      '/api/v1/catalog/sources/:id/refresh',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Read a source again (fetching the repository); only what changed is written',
          params: sourceParamsSchema,
          response: { 200: ingestSummarySchema },
        },
      },
      async (request) => summaryView(await refreshSource(ctx, callerOf(request), request.params.id)),
    );

    app.delete(
      '/api/v1/catalog/sources/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Remove a source with its entities and every relation they declared, both ways',
          params: sourceParamsSchema,
          response: { 200: z.object({ removed: z.number().int().describe('entities removed') }) },
        },
      },
      async (request) => ({ removed: await removeSource(ctx, callerOf(request), request.params.id) }),
    );
  };
}

// Entities over HTTP: search with facets and pages, one entity, its history, and changes made
// through the API (validated like files; members of an owning team, or admins).
import { z } from 'zod';
import { callerOf } from '../../../platform/http/caller.ts';
import type { TypedApp } from '../../../platform/http/route-types.ts';
import type { CatalogService } from '../catalog-service.ts';
import { createEntity, deleteEntity, replaceEntity } from '../edits/entity-edits.ts';
import { entityHistory, getEntityDetail, listEntities, refFromParams } from '../queries/entity-queries.ts';
import {
  entityBodySchema,
  entityDetailSchema,
  entityListSchema,
  entityParamsSchema,
  entityQuerySchema,
  historyListSchema,
  historyQuerySchema,
} from '../schemas.ts';

const tags = ['catalog'];
const entityPath = '/api/v1/entities/:kind/:namespace/:name';

export function entityRoutes(service: CatalogService) {
  const { db } = service;
  return (app: TypedApp) => {
    app.get(
      '/api/v1/entities',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Search entities by kind, owner, tier, lifecycle, tag and text, with facets',
          querystring: entityQuerySchema,
          response: { 200: entityListSchema },
        },
      },
      async (request) => listEntities(db, request.query),
    );

    app.get(
      entityPath,
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'One entity: owners, relations both ways, problems, source',
          params: entityParamsSchema,
          response: { 200: entityDetailSchema },
        },
      },
      async (request) => getEntityDetail(db, refFromParams(request.params)),
    );

    app.get(
      `${entityPath}/history`,
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'What changed in an entity, who or which source changed it, and when (newest first)',
          params: entityParamsSchema,
          querystring: historyQuerySchema,
          response: { 200: historyListSchema },
        },
      },
      async (request) => entityHistory(db, refFromParams(request.params), request.query),
    );

    app.post(
      '/api/v1/entities',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Create an entity (owned by a team you are in; admins: any)',
          body: entityBodySchema,
          response: { 201: entityDetailSchema },
        },
      },
      async (request, reply) => {
        const ref = await createEntity(db, callerOf(request), request.body, service.catalogOptions);
        return reply.code(201).send(await getEntityDetail(db, ref));
      },
    );

    app.put(
      entityPath,
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Replace an entity created through the API (members of an owning team, or admins)',
          params: entityParamsSchema,
          body: entityBodySchema,
          response: { 200: entityDetailSchema },
        },
      },
      async (request) => {
        const ref = refFromParams(request.params);
        await replaceEntity(db, callerOf(request), ref, request.body, service.catalogOptions);
        return getEntityDetail(db, ref);
      },
    );

    app.delete(
      entityPath,
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Delete an entity created through the API (members of an owning team, or admins)',
          params: entityParamsSchema,
          response: { 204: z.null().describe('deleted, with the relations it declared and their inverses') },
        },
      },
      async (request, reply) => {
        const ref = refFromParams(request.params);
        await deleteEntity(db, callerOf(request), ref);
        return reply.code(204).send(null);
      },
    );
  };
}

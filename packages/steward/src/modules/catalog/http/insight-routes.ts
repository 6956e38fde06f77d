// What the catalog knows beyond single entities: problems per source and entity, the dependency
// graph with owners, and the orphans report.
import type { TypedApp } from '../../../platform/http/route-types.ts';
import type { CatalogService } from '../catalog-service.ts';
import { ownedChanges, ownerRefFromQuery, refFromText } from '../queries/entity-queries.ts';
import { dependencyGraph } from '../queries/graph.ts';
import { orphansReport } from '../queries/orphans.ts';
import { problemRowView } from '../queries/views.ts';
import {
  graphQuerySchema,
  graphSchema,
  orphansSchema,
  ownedChangeListSchema,
  ownedChangesQuerySchema,
  problemListSchema,
  problemQuerySchema,
} from '../schemas.ts';
import { listProblemRows } from '../store/problem-store.ts';

const tags = ['catalog'];

export function insightRoutes(service: CatalogService) {
  const { db } = service;
  return (app: TypedApp) => {
    app.get(
      '/api/v1/catalog/problems',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Problems found in the catalog, per source and entity (file:line:col)',
          querystring: problemQuerySchema,
          response: { 200: problemListSchema },
        },
      },
      async (request) => {
        const { entity, owner } = request.query;
        const query = {
          ...request.query,
          entity: entity === undefined ? undefined : refFromText(entity, 'querystring.entity'),
          owner: owner === undefined ? undefined : ownerRefFromQuery(owner),
        };
        return { items: (await listProblemRows(db, query)).map(problemRowView) };
      },
    );

    app.get(
      '/api/v1/catalog/graph',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'The dependency graph around an entity, with the owners of every node',
          querystring: graphQuerySchema,
          response: { 200: graphSchema },
        },
      },
      async (request) =>
        dependencyGraph(db, { ...request.query, ref: refFromText(request.query.ref, 'querystring.ref') }),
    );

    app.get(
      '/api/v1/catalog/changes',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary:
            'The latest changes to the entities an owner owns now, newest first (a team’s recent changes)',
          querystring: ownedChangesQuerySchema,
          response: { 200: ownedChangeListSchema },
        },
      },
      async (request) => ownedChanges(db, request.query),
    );

    app.get(
      '/api/v1/catalog/orphans',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Entities without a valid owner, teams without members, services without a runbook',
          response: { 200: orphansSchema },
        },
      },
      async () => orphansReport(db),
    );
  };
}

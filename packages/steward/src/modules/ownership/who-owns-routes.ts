// `GET /api/v1/who-owns?thing=…`: the same answers as `steward who-owns`, for on-call routing,
// guardrail findings, support and review routing. `POST /api/v1/who-owns` asks up to 1,000 at once.
import type { RoutePlugin } from '../../platform/http/route-types.ts';
import type { OwnershipService } from './ownership-service.ts';
import { whoOwnsBatchSchema, whoOwnsQuerySchema, whoOwnsResponseSchema } from './schemas.ts';

const batchFields = { thing: 'body.things', repository: 'body.repository' };

export function whoOwnsRoutes(service: OwnershipService): RoutePlugin {
  return (app) => {
    app.get(
      '/api/v1/who-owns',
      {
        config: { access: 'read' },
        schema: {
          tags: ['ownership'],
          summary: 'Who owns each thing (entity, path, Kubernetes object, alert, URL), and what decided it',
          querystring: whoOwnsQuerySchema,
          response: { 200: whoOwnsResponseSchema },
        },
      },
      async (request) => {
        const { thing, repository } = request.query;
        const things = Array.isArray(thing) ? thing : [thing];
        return { items: await service.whoOwns(things, { repository }) };
      },
    );
    app.post(
      '/api/v1/who-owns',
      {
        config: { access: 'read' },
        schema: {
          tags: ['ownership'],
          summary: 'Who owns each of many things (a batch of paths, say): the same answers as the GET',
          body: whoOwnsBatchSchema,
          response: { 200: whoOwnsResponseSchema },
        },
      },
      async (request) => {
        const { things, repository } = request.body;
        return { items: await service.whoOwns(things, { repository }, batchFields) };
      },
    );
  };
}

// Integrations over HTTP: admins create (the key is in this one answer), list and delete them.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { Catalog } from '../catalog/index.ts';
import { createIntegration, deleteIntegration, listIntegrations } from './integrations.ts';
import { createdIntegrationSchema, createIntegrationSchema, integrationSchema } from './schemas.ts';
import type { AlertTables } from './tables.ts';

const tags = ['alerts'];

export function integrationRoutes(db: Kysely<AlertTables>, catalog: Pick<Catalog, 'loadEntitiesByRef'>) {
  return (app: TypedApp) => {
    app.post(
      '/api/v1/integrations',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Create an integration (admins); its key is shown only in this answer',
          body: createIntegrationSchema,
          response: { 201: createdIntegrationSchema },
        },
      },
      async (request, reply) => {
        const { integration, key } = await createIntegration(db, catalog, callerOf(request), request.body);
        const endpoints: Record<string, string> =
          integration.type === 'alertmanager'
            ? {
                webhook: `/api/v1/integrations/alertmanager/${key}`,
                apiV2: '/api/v2/alerts (Authorization: Bearer <key>)',
              }
            : { enqueue: '/v2/enqueue (routing_key: <key>)' };
        return reply.code(201).send({ ...integration, key, endpoints });
      },
    );

    app.get(
      '/api/v1/integrations',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Every integration (never their keys)',
          response: { 200: listOf(integrationSchema) },
        },
      },
      async () => ({ items: await listIntegrations(db) }),
    );

    app.delete(
      '/api/v1/integrations/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Delete an integration (admins): its key stops working; its alerts stay',
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          response: { 200: integrationSchema.describe('the integration as it was') },
        },
      },
      async (request) => deleteIntegration(db, callerOf(request), request.params.id),
    );
  };
}

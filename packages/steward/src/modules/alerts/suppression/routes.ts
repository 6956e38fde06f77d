// Silences and maintenance windows over HTTP: parse → call → respond. Anyone signed in reads them;
// members silence and expire; a service's owners and admins open and end its maintenance windows.
import { callerOf } from '../../../platform/http/caller.ts';
import { listOf } from '../../../platform/http/list-schema.ts';
import type { RoutePlugin } from '../../../platform/http/route-types.ts';
import type { SuppressionContext } from './context.ts';
import {
  createMaintenance,
  endMaintenance,
  listMaintenance,
  showMaintenance,
} from './maintenance-service.ts';
import {
  createMaintenanceSchema,
  createSilenceSchema,
  idParams,
  maintenanceListQuery,
  maintenanceSchema,
  silenceSchema,
  suppressionListQuery,
} from './schemas.ts';
import { createSilence, expireSilence, listSilences, showSilence } from './silences-service.ts';

const tags = ['alerts'];

export function suppressionRoutes(ctx: SuppressionContext): RoutePlugin {
  return (app) => {
    app.get(
      '/api/v1/silences',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Silences, newest first; ?state=active|pending|expired',
          querystring: suppressionListQuery,
          response: { 200: listOf(silenceSchema) },
        },
      },
      async (request) => ({ items: await listSilences(ctx, request.query.state) }),
    );
    app.get(
      '/api/v1/silences/:id',
      {
        config: { access: 'read' },
        schema: { tags, summary: 'One silence', params: idParams, response: { 200: silenceSchema } },
      },
      async (request) => showSilence(ctx, request.params.id),
    );
    app.post(
      '/api/v1/silences',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary:
            'Silence alerts matching Alertmanager matchers, from startsAt until endsAt or until an alert resolves (a silence that would match every alert is refused)',
          body: createSilenceSchema,
          response: { 201: silenceSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createSilence(ctx, callerOf(request), request.body)),
    );
    app.delete(
      '/api/v1/silences/:id',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Expire a silence now (409 when it has already ended)',
          params: idParams,
          response: { 200: silenceSchema.describe('the silence, expired') },
        },
      },
      async (request) => expireSilence(ctx, callerOf(request), request.params.id),
    );
    app.get(
      '/api/v1/maintenance-windows',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Maintenance windows, latest start first; ?service=&state=',
          querystring: maintenanceListQuery,
          response: { 200: listOf(maintenanceSchema) },
        },
      },
      async (request) => ({ items: await listMaintenance(ctx, request.query) }),
    );
    app.get(
      '/api/v1/maintenance-windows/:id',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'One maintenance window',
          params: idParams,
          response: { 200: maintenanceSchema },
        },
      },
      async (request) => showMaintenance(ctx, request.params.id),
    );
    app.post(
      '/api/v1/maintenance-windows',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary:
            "Open a maintenance window for a service: its alerts are recorded, nobody is paged (the service's owners and admins)",
          body: createMaintenanceSchema,
          response: { 201: maintenanceSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createMaintenance(ctx, callerOf(request), request.body)),
    );
    app.delete(
      '/api/v1/maintenance-windows/:id',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: "End a maintenance window now (the service's owners and admins)",
          params: idParams,
          response: { 200: maintenanceSchema.describe('the window, ended') },
        },
      },
      async (request) => endMaintenance(ctx, callerOf(request), request.params.id),
    );
  };
}

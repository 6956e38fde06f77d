// Alerts over HTTP: list and read (any reader), acknowledge and resolve (members, as themselves).
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import { type AlertServiceContext, getAlert, listAlerts, stepAlert } from './alert-service.ts';
import { alertDetailSchema, alertListQuerySchema, alertListSchema } from './schemas.ts';

const tags = ['alerts'];
const params = z.strictObject({ id: z.string().min(1).max(64) });

export function alertRoutes(ctx: AlertServiceContext) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/alerts',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Alerts, newest first, filtered by status, service or team; paged with `cursor`',
          querystring: alertListQuerySchema,
          response: { 200: alertListSchema },
        },
      },
      async (request) => listAlerts(ctx, request.query),
    );

    app.get(
      '/api/v1/alerts/:id',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'One alert, with the hops of its route and the timeline of its states',
          params,
          response: { 200: alertDetailSchema },
        },
      },
      async (request) => getAlert(ctx, request.params.id),
    );

    for (const [action, step] of [
      ['acknowledge', 'acknowledged'],
      ['resolve', 'resolved'],
    ] as const) {
      app.post(
        `/api/v1/alerts/:id/${action}`,
        {
          config: { access: 'write' },
          schema: {
            tags,
            summary: `${action === 'acknowledge' ? 'Acknowledge' : 'Resolve'} an alert (idempotent; audited)`,
            params,
            response: { 200: alertDetailSchema },
          },
        },
        async (request) =>
          stepAlert(ctx, request.params.id, step, { handle: callerOf(request).handle, how: 'via the API' }),
      );
    }
  };
}

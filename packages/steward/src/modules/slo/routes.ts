// The SLO API: SLOs by service or team, and one SLO with its rules and its status in Prometheus.
import type { TypedApp } from '../../platform/http/route-types.ts';
import { sloDetailSchema, sloListSchema, sloParamsSchema, sloQuerySchema } from './schemas.ts';
import type { SloService } from './slo-service.ts';

const tags = ['slo'];

export function sloRoutes(service: SloService) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/slos',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: "SLOs attached to the catalog's services, by service or by owning team",
          querystring: sloQuerySchema,
          response: { 200: sloListSchema },
        },
      },
      async (request) => ({ items: await service.list(request.query) }),
    );

    app.get(
      '/api/v1/slos/:id',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'One SLO: its rules, error budget left, burn rates and burn-down (from Prometheus)',
          params: sloParamsSchema,
          response: { 200: sloDetailSchema },
        },
      },
      async (request) => service.get(request.params.id),
    );
  };
}

// The catalog back out as Backstage-style YAML: entities leave as they came in (apiVersion, kind,
// metadata, spec), so an organisation can take its catalog anywhere, Backstage included.
import { z } from 'zod';
import type { TypedApp } from '../../../platform/http/route-types.ts';
import type { CatalogService } from '../catalog-service.ts';
import { exportCatalogYaml } from '../store/catalog-export.ts';

const exportQuerySchema = z.strictObject({
  source: z.string().min(1).optional().describe('only the entities of this source (its id)'),
  kind: z.string().min(1).optional().describe('only entities of this kind, e.g. Component'),
});

export function exportRoutes(service: CatalogService) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/catalog/export',
      {
        config: { access: 'read' },
        schema: {
          tags: ['catalog'],
          summary:
            'The catalog as multi-document YAML (application/yaml), one entity per document, in ref order',
          description:
            'A catalog that validates on its own: keys in the order apiVersion, kind, metadata, spec; placeholders replaced by the content they named; Locations keep only targets that are URLs (the files they named are in the export)',
          querystring: exportQuerySchema,
        },
      },
      async (request, reply) =>
        reply
          .type('application/yaml; charset=utf-8')
          .send(await exportCatalogYaml(service.db, request.query)),
    );
  };
}

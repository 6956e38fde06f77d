// The catalog back out as Backstage-style YAML: entities leave as they came in (apiVersion, kind,
// metadata, spec), so an organisation can take its catalog anywhere, Backstage included.
import { stringify } from 'yaml';
import { z } from 'zod';
import type { TypedApp } from '../../../platform/http/route-types.ts';
import type { CatalogService } from '../catalog-service.ts';
import type { EntityBody } from '../store/entity-record.ts';

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
          querystring: exportQuerySchema,
        },
      },
      async (request, reply) => {
        let query = service.db.selectFrom('catalog_entities').select('body').orderBy('ref');
        if (request.query.source) query = query.where('source_id', '=', request.query.source);
        if (request.query.kind) query = query.where('kind', '=', request.query.kind.toLowerCase());
        const rows = await query.execute();
        const documents = rows.map((row) => stringify(asWritten(row.body as EntityBody), { lineWidth: 0 }));
        return reply.type('application/yaml; charset=utf-8').send(documents.map((d) => `---\n${d}`).join(''));
      },
    );
  };
}

/** The default namespace is implied, as in the files people write. */
function asWritten(body: EntityBody): EntityBody {
  const { namespace, ...metadata } = body.metadata;
  return { ...body, metadata: namespace === 'default' ? metadata : { ...body.metadata } };
}

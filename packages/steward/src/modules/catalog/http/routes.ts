// Every HTTP route of the catalog, for the composition root to register. Kept apart from the
// service so the service never imports the routes that call it.
import type { RoutePlugin } from '../../../platform/http/route-types.ts';
import type { CatalogService } from '../catalog-service.ts';
import { entityRoutes } from './entity-routes.ts';
import { exportRoutes } from './export-routes.ts';
import { insightRoutes } from './insight-routes.ts';
import { sourceRoutes } from './source-routes.ts';

export function catalogRoutes(service: CatalogService): RoutePlugin {
  return (app) => {
    entityRoutes(service)(app);
    sourceRoutes(service)(app);
    insightRoutes(service)(app);
    exportRoutes(service)(app);
  };
}

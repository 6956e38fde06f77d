// The SLO module as the server runs it: specs attached to catalog entities are compiled at ingest
// (the catalog calls attachSloSpecs in its transaction); reads and status over HTTP.
import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import type { Catalog } from '../catalog/index.ts';
import type { SloService } from './index.ts';
import { prometheusApi } from './prometheus.ts';
import { sloRoutes } from './routes.ts';
import { createSloService } from './slo-service.ts';
import type { SloTables } from './tables.ts';

export interface SloNeeds {
  catalog: Catalog;
  /** STEWARD_PROMETHEUS_URL: where the SLO rules run; none, no status. */
  prometheusUrl?: string | undefined;
}

export function sloModuleOf(platform: PlatformServices, needs: SloNeeds): Promise<RunningModule<SloService>> {
  const service = createSloService({
    db: platform.database.kysely<SloTables>(),
    catalog: needs.catalog,
    prometheus: needs.prometheusUrl ? prometheusApi(needs.prometheusUrl) : null,
  });
  return Promise.resolve({ api: service, routes: [sloRoutes(service)] });
}

// The scorecards module as the server runs it: scorecards judged on read from the faces of the
// catalog, on-call, SLOs and guardrails; campaigns stored in the database (every server sees them).
import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import type { Catalog } from '../catalog/index.ts';
import type { GuardrailsService } from '../guardrails/index.ts';
import type { OncallService } from '../oncall/index.ts';
import type { SloService } from '../slo/index.ts';
import type { CampaignContext } from './campaigns.ts';
import type { ScorecardsApi } from './index.ts';
import { scorecardRoutes } from './routes.ts';
import { createScorecardsService } from './scorecards-service.ts';
import type { ScorecardTables } from './tables.ts';

export interface ScorecardsNeeds {
  catalog: Catalog;
  oncall: Pick<OncallService, 'policiesFor'>;
  slos: Pick<SloService, 'list'>;
  /** Open findings of the latest uploaded scans, each attributed to a service. */
  guardrails: Pick<GuardrailsService, 'openFindings'>;
}

export function scorecardsModuleOf(
  platform: PlatformServices,
  needs: ScorecardsNeeds,
): Promise<RunningModule<ScorecardsApi>> {
  const service = createScorecardsService(needs);
  const campaigns: CampaignContext = {
    db: platform.database.kysely<ScorecardTables>(),
    scorecards: service,
    catalog: needs.catalog,
  };
  return Promise.resolve({ api: service, routes: [scorecardRoutes(service, campaigns)] });
}

// The scorecards API as the portal calls it: scorecards with their results and roll-ups, an entity's
// scorecards, and campaigns. Shapes come from the server's own schemas (@steward/steward/api).
import type {
  CampaignView,
  CreateCampaign,
  EntityResultView,
  EntityScorecards,
  RollupList,
  ScorecardDetail,
  ScorecardSummary,
} from '@steward/steward/api';
import type { EntityName } from './catalog.ts';
import { get, post } from './http.ts';

export type {
  CampaignView,
  EntityResultView,
  EntityScorecards,
  RollupList,
  ScorecardDetail,
  ScorecardSummary,
};
export type RollupBy = RollupList['by'];

const path = (name: string) => `/api/v1/scorecards/${encodeURIComponent(name)}`;

export async function listScorecards(): Promise<ScorecardSummary[]> {
  return (await get<{ items: ScorecardSummary[] }>('/api/v1/scorecards')).items;
}

export function fetchScorecard(name: string, team?: string): Promise<ScorecardDetail> {
  const query = team === undefined ? '' : `?${new URLSearchParams({ team })}`;
  return get<ScorecardDetail>(`${path(name)}${query}`);
}

export function fetchRollups(name: string, by: RollupBy): Promise<RollupList> {
  return get<RollupList>(`${path(name)}/rollups?${new URLSearchParams({ by })}`);
}

export async function fetchEntityScorecards(entity: EntityName): Promise<EntityScorecards['items']> {
  const at = [entity.kind, entity.namespace, entity.name].map(encodeURIComponent).join('/');
  return (await get<EntityScorecards>(`/api/v1/entities/${at}/scorecards`)).items;
}

export async function listCampaigns(query: { scorecard?: string } = {}): Promise<CampaignView[]> {
  return (await get<{ items: CampaignView[] }>(`/api/v1/campaigns?${new URLSearchParams(query)}`)).items;
}

export function createCampaign(input: CreateCampaign): Promise<CampaignView> {
  return post<CampaignView>('/api/v1/campaigns', input);
}

export function closeCampaign(id: string): Promise<CampaignView> {
  return post<CampaignView>(`/api/v1/campaigns/${encodeURIComponent(id)}/close`);
}

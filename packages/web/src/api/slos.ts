// The SLO API as the portal calls it: SLOs by service or team, and one SLO with its status.
// Shapes come from the server's own schemas (@steward/steward/api), never redeclared here.
import type { SloDetail, SloStatus, SloView } from '@steward/steward/api';
import { get } from './http.ts';

export type { SloDetail, SloStatus, SloView };

export async function listSlos(query: { service?: string; team?: string } = {}): Promise<SloView[]> {
  const params = new URLSearchParams(query);
  return (await get<{ items: SloView[] }>(`/api/v1/slos?${params}`)).items;
}

export function fetchSlo(id: string): Promise<SloDetail> {
  return get<SloDetail>(`/api/v1/slos/${encodeURIComponent(id)}`);
}

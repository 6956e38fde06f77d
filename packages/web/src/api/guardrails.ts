// The guardrails API as the portal calls it: findings of the uploaded scans (a page, or counted by
// team, service or target), the exemptions with their expiry, and the scans themselves.
// Shapes come from the server's own schemas (@steward/steward/api), never redeclared here.
import type { FindingSummary, ScanExemptionView, ScanFindingView, ScanView } from '@steward/steward/api';
import { get } from './http.ts';

export type { FindingSummary, ScanExemptionView, ScanFindingView, ScanView };
export type Severity = ScanFindingView['severity'];
export type SummaryRow = FindingSummary['items'][number];

/** Most severe first, as the API orders them. */
export const severities: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface GuardrailsFilters {
  team?: string;
  service?: string;
  target?: string;
  severity?: string;
}

function paramsOf(filters: Record<string, string | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return params;
}

/** One page of open findings, most severe first; `next` fetches the following page. */
export function listFindings(
  filters: GuardrailsFilters,
  cursor?: string,
): Promise<{ items: ScanFindingView[]; next: string | null }> {
  return get(`/api/v1/guardrails/findings?${paramsOf({ ...filters, cursor, limit: '100' })}`);
}

export async function summariseFindings(
  by: 'team' | 'service' | 'target',
  filters: Omit<GuardrailsFilters, 'severity'> = {},
): Promise<SummaryRow[]> {
  return (await get<FindingSummary>(`/api/v1/guardrails/findings/summary?${paramsOf({ by, ...filters })}`))
    .items;
}

export async function listExemptions(
  filters: Omit<GuardrailsFilters, 'severity'> = {},
): Promise<ScanExemptionView[]> {
  return (
    await get<{ items: ScanExemptionView[] }>(`/api/v1/guardrails/exemptions?${paramsOf({ ...filters })}`)
  ).items;
}

export async function listScans(): Promise<ScanView[]> {
  return (await get<{ items: ScanView[] }>('/api/v1/guardrails/scans')).items;
}

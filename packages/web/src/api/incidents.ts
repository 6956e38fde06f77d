// The incidents API as the portal calls it: the list and declaring, one incident and its changes,
// timeline notes, status updates, the postmortem, follow-ups and response metrics.
// Shapes come from the server's own schemas (@steward/steward/api), never redeclared here.
import type {
  FollowUp,
  IncidentView,
  IncidentMetrics as Metrics,
  Postmortem,
  SeverityList,
  StatusUpdateList,
  TimelineItem,
} from '@steward/steward/api';
import { get, patch, post, put } from './http.ts';

export type { FollowUp, IncidentView, Metrics, Postmortem, StatusUpdateList, TimelineItem };
export type IncidentState = IncidentView['state'];
export type Severity = SeverityList['items'][number];
export type RoleName = 'commander' | 'communications' | 'operations' | 'scribe';
export const roleNames: RoleName[] = ['commander', 'communications', 'operations', 'scribe'];
export const incidentStates: IncidentState[] = [
  'triage',
  'active',
  'mitigated',
  'resolved',
  'post-incident',
  'closed',
  'declined',
  'merged',
];
/** Someone is still responding. */
export const openStates: IncidentState[] = ['triage', 'active', 'mitigated'];

export interface IncidentFilters {
  state?: string;
  severity?: string;
  team?: string;
  service?: string;
}

interface List<T> {
  items: T[];
}

const segment = encodeURIComponent;
const path = (id: string) => `/api/v1/incidents/${segment(id)}`;

/** Every open incident first (most recent first), then the rest of the newest; all filters applied. */
export async function listIncidents(filters: IncidentFilters): Promise<IncidentView[]> {
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams(extra);
    for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
    return get<List<IncidentView>>(`/api/v1/incidents?${params}`).then((list) => list.items);
  };
  if (filters.state) return query({ limit: '200' });
  const [open, recent] = await Promise.all([query({ open: 'true', limit: '500' }), query({ limit: '200' })]);
  const shown = new Set(open.map((incident) => incident.id));
  return [...open, ...recent.filter((incident) => !shown.has(incident.id))];
}

export const listSeverities = () =>
  get<SeverityList>('/api/v1/incidents/severities').then((list) => list.items);

export interface NewIncident {
  title: string;
  severity: string;
  services: string[];
  alerts?: string[];
}
export const declareIncident = (input: NewIncident) => post<IncidentView>('/api/v1/incidents', input);

export const fetchIncident = (id: string) => get<IncidentView>(path(id));

export interface IncidentChange {
  state?: IncidentState;
  severity?: string;
  roles?: Partial<Record<RoleName, string | null>>;
}
export const changeIncident = (id: string, change: IncidentChange) => patch<IncidentView>(path(id), change);

export const fetchTimeline = (id: string) =>
  get<List<TimelineItem>>(`${path(id)}/timeline`).then((l) => l.items);
export const addNote = (id: string, text: string) => post<TimelineItem>(`${path(id)}/notes`, { text });
export const editNote = (id: string, itemId: string, text: string) =>
  put<TimelineItem>(`${path(id)}/notes/${segment(itemId)}`, { text });

export const listStatusUpdates = (id: string) => get<StatusUpdateList>(`${path(id)}/status-updates`);
export const postStatusUpdate = (id: string, input: { summary: string; internal?: string }) =>
  post<unknown>(`${path(id)}/status-updates`, input);

export const draftPostmortem = (id: string) => post<Postmortem>(`${path(id)}/postmortem`);
export const fetchPostmortem = (id: string) => get<Postmortem>(`${path(id)}/postmortem`);
export const savePostmortem = (id: string, markdown: string, version: number) =>
  put<Postmortem>(`${path(id)}/postmortem`, { markdown, version });
export const postmortemDownloadPath = (id: string) => `${path(id)}/postmortem.md`;

export const listFollowUps = (id: string) =>
  get<List<FollowUp>>(`${path(id)}/follow-ups`).then((l) => l.items);
export const addFollowUp = (id: string, input: { title: string; owner: string; due: string }) =>
  post<FollowUp>(`${path(id)}/follow-ups`, input);
export const setFollowUpDone = (id: string, followUpId: string, done: boolean) =>
  patch<FollowUp>(`${path(id)}/follow-ups/${segment(followUpId)}`, { done });
export const overdueFollowUps = (team: string) =>
  get<List<FollowUp>>(`/api/v1/follow-ups?team=${segment(team)}`).then((l) => l.items);

export interface MetricsQuery {
  team?: string;
  service?: string;
  from?: string;
  to?: string;
}
export function fetchMetrics(query: MetricsQuery): Promise<Metrics> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  return get<Metrics>(`/api/v1/incidents/metrics?${params}`);
}

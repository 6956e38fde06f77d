// The catalog and ownership API as the portal calls it: entity search with facets, one entity and its
// history, sources and their problems, the dependency graph, orphans, and "who owns this?".
// Shapes come from the server's own schemas (@steward/steward/api), never redeclared here.
import type {
  CatalogGraph,
  CatalogProblemView,
  CatalogSourceView,
  EntityDetail,
  EntityList,
  EntitySummary,
  HistoryEntry,
  IngestSummaryView,
  JobView,
  Orphans,
  OwnedChange,
  Owner,
  Provenance,
  RejectedEntityView,
  WhoOwnsAnswer,
  WhoOwnsCandidate,
} from '@steward/steward/api';
import { ApiError, del, get, post } from './http.ts';

export type {
  CatalogGraph,
  CatalogSourceView,
  EntityDetail,
  EntityList,
  EntitySummary,
  HistoryEntry,
  IngestSummaryView,
  Orphans,
  OwnedChange,
  Owner,
  Provenance,
  RejectedEntityView,
  WhoOwnsAnswer,
  WhoOwnsCandidate,
};
export type CatalogProblem = CatalogProblemView & { id?: string };
export type GraphNode = CatalogGraph['nodes'][number];
export type GraphEdge = CatalogGraph['edges'][number];

export interface EntityFilters {
  kind?: string;
  owner?: string;
  tier?: string;
  lifecycle?: string;
  tag?: string;
  q?: string;
}

interface List<T> {
  items: T[];
}

const segment = encodeURIComponent;
const items = <T>(list: List<T>) => list.items;

export function listEntities(filters: EntityFilters, page: { limit: number; cursor?: string }) {
  const params = new URLSearchParams({ limit: String(page.limit) });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (page.cursor) params.set('cursor', page.cursor);
  return get<EntityList>(`/api/v1/entities?${params}`);
}

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

const entityPath = ({ kind, namespace, name }: EntityName) =>
  `/api/v1/entities/${segment(kind)}/${segment(namespace)}/${segment(name)}`;

export const fetchEntity = (entity: EntityName) => get<EntityDetail>(entityPath(entity));

export const fetchHistory = (entity: EntityName) =>
  get<List<HistoryEntry>>(`${entityPath(entity)}/history?limit=50`).then(items);

export const listSources = () => get<List<CatalogSourceView>>('/api/v1/catalog/sources').then(items);
/** Reading a source again is a job on the server: the answer says where to follow it (`followJob`). */
export const refreshSource = (id: string) =>
  post<{ job: { id: string; url: string }; source: CatalogSourceView }>(
    `/api/v1/catalog/sources/${segment(id)}/refresh`,
  );

type StartedJob = { job: { id: string; url: string }; source: CatalogSourceView };

/** Adding a source: a git repository the server clones, or files uploaded from a directory here. */
export type NewSource =
  | { kind: 'git'; url: string; name?: string }
  | { kind: 'upload'; name: string; files: { path: string; content: string }[] };
export const addSource = (input: NewSource) => post<StartedJob>('/api/v1/catalog/sources', input);
/** Removing a source and its entities is a job too: its result is `{ removed }`. */
export const removeSource = (id: string) => del<StartedJob>(`/api/v1/catalog/sources/${segment(id)}`);

/** How far a source's read has got, as its job reports it. */
export interface IngestProgress {
  files?: number;
  entities?: number;
  written?: number;
}

/** The summary of a finished read, or the reason it failed as an ApiError the page can show. */
export function ingestOutcome(job: JobView): IngestSummaryView {
  if (job.state === 'succeeded') return job.result as IngestSummaryView;
  const attempts = `${job.attempts} attempt${job.attempts === 1 ? '' : 's'}`;
  throw new ApiError(
    0,
    job.state === 'dead' ? 'Reading the source failed' : 'Reading the source was cancelled',
    `${job.lastError ?? 'No reason was recorded.'} (job ${job.id}, after ${attempts})`,
  );
}

/** Entities the sources hold that the catalog rejected for errors, with their problems. */
export const listRejected = () => get<List<RejectedEntityView>>('/api/v1/catalog/rejected').then(items);

export const listProblems = (limit = 1000) =>
  get<List<CatalogProblem>>(`/api/v1/catalog/problems?limit=${limit}`).then(items);

/** The problems of what an owner (`group:payments`) owns. */
export const listOwnedProblems = (owner: string, limit = 200) =>
  get<List<CatalogProblem>>(
    `/api/v1/catalog/problems?${new URLSearchParams({ owner, limit: String(limit) })}`,
  ).then(items);

/** The latest changes to what an owner owns, newest first. */
export const listOwnedChanges = (owner: string, limit = 20) =>
  get<List<OwnedChange>>(
    `/api/v1/catalog/changes?${new URLSearchParams({ owner, limit: String(limit) })}`,
  ).then(items);

export function fetchGraph(ref: string, depth: number) {
  const params = new URLSearchParams({ ref, depth: String(depth) });
  return get<CatalogGraph>(`/api/v1/catalog/graph?${params}`);
}

export const fetchOrphans = () => get<Orphans>('/api/v1/catalog/orphans');

export function whoOwns(thing: string): Promise<WhoOwnsAnswer | undefined> {
  const params = new URLSearchParams({ thing });
  return get<List<WhoOwnsAnswer>>(`/api/v1/who-owns?${params}`).then((list) => list.items[0]);
}

// What a person's home shows, loaded in one go: their teams (with their own role in each), what those
// teams and the person own, the problems in it, and its latest changes, newest first.
import {
  type CatalogProblem,
  type EntitySummary,
  listEntities,
  listOwnedChanges,
  listOwnedProblems,
  listSources,
  type OwnedChange,
} from '../../api/catalog.ts';
import { ApiError } from '../../api/http.ts';
import { fetchTeam, type TeamDetail } from '../../api/identity.ts';

/** At most this many entities are listed per owner on the home page (the catalog has the rest). */
export const ownedShown = 100;
export const changesShown = 15;

export interface Owned {
  /** The owner's ref: `group:default/platform`, or the person's `user:default/kelsey-okafor`. */
  ref: string;
  owned: EntitySummary[];
  ownedTotal: number;
}

export interface MyTeam extends Owned {
  name: string;
  displayName: string;
  /** The person's role in the team, when the team says. */
  role: 'lead' | 'member' | null;
}

export interface MyHome {
  teams: MyTeam[];
  /** What the person owns themselves (an entity whose owner is their User). */
  personal: Owned;
  problems: CatalogProblem[];
  changes: OwnedChange[];
  /** Source ids to names, for changes a source made. */
  sourceNames: Record<string, string>;
}

export async function loadMyHome(handle: string, teamNames: readonly string[]): Promise<MyHome> {
  const [personal, ...teams] = await Promise.all([
    loadOwned(`user:default/${handle}`),
    ...teamNames.map((name) => loadMyTeam(handle, name)),
  ]);
  const owners = [personal, ...teams].map((owner) => owner.ref);
  const [sources, problems, changes] = await Promise.all([
    listSources(),
    Promise.all(owners.map((ref) => listOwnedProblems(ref))),
    Promise.all(owners.map((ref) => listOwnedChanges(ref, changesShown))),
  ]);
  return {
    teams: teams as MyTeam[],
    personal: personal as Owned,
    problems: uniqueBy(problems.flat(), (p) => p.id ?? `${p.file}:${p.line}:${p.column}:${p.code}`),
    changes: uniqueBy(changes.flat(), (c) => c.id)
      .sort((a, b) => Number(BigInt(b.id) - BigInt(a.id)))
      .slice(0, changesShown),
    sourceNames: Object.fromEntries(sources.map((source) => [source.id, source.name])),
  };
}

/** Everything the home lists as owned: the person's own entities first, then each team's, once each. */
export function everythingOwned(home: Pick<MyHome, 'teams' | 'personal'>): {
  shown: EntitySummary[];
  total: number;
} {
  const owners = [home.personal, ...home.teams];
  const shown = uniqueBy(
    owners.flatMap((owner) => owner.owned),
    (entity) => entity.ref,
  );
  return { shown, total: owners.reduce((sum, owner) => sum + owner.ownedTotal, 0) };
}

async function loadOwned(ref: string): Promise<Owned> {
  const list = await listEntities({ owner: ref }, { limit: ownedShown });
  const ownedTotal = Object.values(list.facets.kind).reduce((sum, count) => sum + count, 0);
  return { ref, owned: list.items, ownedTotal };
}

async function loadMyTeam(handle: string, name: string): Promise<MyTeam> {
  const [detail, owned] = await Promise.all([
    fetchTeam(name).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }),
    loadOwned(`group:default/${name}`),
  ]);
  return { ...owned, name, displayName: detail?.displayName ?? name, role: roleOf(detail, handle) };
}

function roleOf(team: TeamDetail | null, handle: string): MyTeam['role'] {
  return team?.members.find((member) => member.handle === handle)?.role ?? null;
}

function uniqueBy<T>(list: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of list) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

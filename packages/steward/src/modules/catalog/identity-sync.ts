// Group and User entities are Steward's teams and people: after an ingest that changed any, every
// Group and User in the catalog is handed to identity's importOrg (which adds and updates, never
// removes). Names identity cannot take as handles are left out rather than failing the import.
import { type Org, orgFromEntities } from '../identity/index.ts';
import { bodiesOfKinds } from './store/entity-reads.ts';
import type { CatalogDb } from './store/tables.ts';

export type ImportOrg = (org: Org & { password?: string | undefined }, actor?: string) => Promise<unknown>;

export const identityKinds = ['group', 'user'];
const handle = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
const validHandle = (name: string) => name.length <= 63 && handle.test(name);

export async function syncIdentity(db: CatalogDb, importOrg: ImportOrg, password?: string): Promise<Org> {
  const bodies = (await bodiesOfKinds(db, identityKinds)) as Parameters<typeof orgFromEntities>[0];
  const org = usableOrg(orgFromEntities(bodies));
  await importOrg({ ...org, password }, 'system:catalog');
  return org;
}

/** Only what identity can store: valid handles, one team per name, parents and memberships that exist. */
export function usableOrg(org: Org): Org {
  const teams = new Map(org.teams.filter((t) => validHandle(t.name)).map((t) => [t.name, t]));
  const users = new Map(org.users.filter((u) => validHandle(u.handle)).map((u) => [u.handle, u]));
  return {
    teams: [...teams.values()].map(({ parent, ...team }) =>
      parent && teams.has(parent) ? { ...team, parent } : team,
    ),
    users: [...users.values()].map((u) => ({ ...u, teams: u.teams.filter((m) => teams.has(m.team)) })),
  };
}

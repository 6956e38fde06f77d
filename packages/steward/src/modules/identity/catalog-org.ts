// The organisation the catalog describes, as identity can hold it. Steward's teams and people live
// in the default namespace (team payments is group:default/payments), under names identity can take
// as handles. A membership comes from a User's spec.memberOf or a Group's spec.members; a lead is
// named by the Group's steward.dev/leads annotation.

import { type Org, orgFromEntities } from './org-from-entities.ts';
import { handleSchema } from './schemas.ts';
import type { MembershipRole } from './tables.ts';

interface Body {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; annotations?: Record<string, unknown> };
  spec?: { members?: unknown };
}

export interface CatalogOrg {
  org: Org;
  /** team name → handle → role, for every membership the catalog declares. */
  memberships: Map<string, Map<string, MembershipRole>>;
}

export const leadsAnnotation = 'steward.dev/leads';
const validHandle = (name: string) => handleSchema.safeParse(name).success;

export function catalogOrg(bodies: readonly unknown[]): CatalogOrg {
  const ours = (bodies as Body[]).filter((b) => inDefaultNamespace(b.metadata?.namespace));
  const org = usableOrg(orgFromEntities(ours as Parameters<typeof orgFromEntities>[0]));
  const teams = new Set(org.teams.map((t) => t.name));
  const memberships = new Map<string, Map<string, MembershipRole>>();
  const add = (team: string, handle: string, role: MembershipRole) => {
    if (!teams.has(team) || !validHandle(handle)) return;
    const members = memberships.get(team) ?? new Map<string, MembershipRole>();
    if (members.get(handle) !== 'lead') members.set(handle, role);
    memberships.set(team, members);
  };
  for (const user of org.users) for (const m of user.teams) add(m.team, user.handle, m.role);
  for (const group of ours.filter((b) => b.kind === 'Group')) {
    const team = String(group.metadata?.name);
    const leads = new Set(refList(group.metadata?.annotations?.[leadsAnnotation], 'user'));
    for (const handle of refList(group.spec?.members, 'user')) {
      add(team, handle, leads.has(handle) ? 'lead' : 'member');
    }
  }
  return { org: { ...org, users: org.users.map((u) => ({ ...u, teams: [] })) }, memberships };
}

/** Names from refs (`user:default/ana`, `default/ana`, `ana`) of the default namespace only. */
export function refList(value: unknown, kind: string): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const names: string[] = [];
  for (const item of items) {
    const ref = String(item).trim().toLowerCase();
    const withoutKind = ref.startsWith(`${kind}:`) ? ref.slice(kind.length + 1) : ref;
    if (withoutKind.includes(':')) continue;
    const slash = withoutKind.indexOf('/');
    if (slash >= 0 && withoutKind.slice(0, slash) !== 'default') continue;
    const name = withoutKind.slice(slash + 1);
    if (name) names.push(name);
  }
  return names;
}

function inDefaultNamespace(namespace: unknown): boolean {
  return namespace === undefined || namespace === null || String(namespace).toLowerCase() === 'default';
}

/** Only what identity can store: valid handles, one team per name, parents that exist. */
function usableOrg(org: Org): Org {
  const teams = new Map(org.teams.filter((t) => validHandle(t.name)).map((t) => [t.name, t]));
  const users = new Map(org.users.filter((u) => validHandle(u.handle)).map((u) => [u.handle, u]));
  return {
    teams: [...teams.values()].map(({ parent, ...team }) =>
      parent && teams.has(parent) ? { ...team, parent } : team,
    ),
    users: [...users.values()],
  };
}

// Maps Backstage Group and User entities onto Steward's teams and people, so an organisation
// described as code (examples/acme, or an existing Backstage catalog) becomes who may sign in.

export interface OrgTeam {
  name: string;
  displayName: string;
  description?: string;
  parent?: string;
}

export interface OrgUser {
  handle: string;
  name: string;
  email?: string;
  role?: 'admin' | 'member' | 'viewer';
  teams: { team: string; role: 'lead' | 'member' }[];
}

export interface Org {
  teams: OrgTeam[];
  users: OrgUser[];
}

interface EntityLike {
  kind?: unknown;
  metadata?: { name?: unknown; description?: unknown; annotations?: Record<string, unknown> };
  spec?: Record<string, unknown>;
}

const leadsAnnotation = 'steward.dev/leads';
const roleAnnotation = 'steward.dev/role';

export function orgFromEntities(entities: EntityLike[]): Org {
  const groups = entities.filter((e) => e.kind === 'Group');
  const leads = new Map<string, Set<string>>();
  const teams: OrgTeam[] = groups.map((group) => {
    const name = String(group.metadata?.name);
    const spec = group.spec ?? {};
    const profile = (spec.profile ?? {}) as { displayName?: unknown };
    const leadList = String(group.metadata?.annotations?.[leadsAnnotation] ?? '')
      .split(',')
      .map((s) => refName(s.trim()))
      .filter(Boolean);
    leads.set(name, new Set(leadList));
    const team: OrgTeam = { name, displayName: String(profile.displayName ?? name) };
    if (typeof group.metadata?.description === 'string') team.description = group.metadata.description;
    if (typeof spec.parent === 'string') team.parent = refName(spec.parent);
    return team;
  });
  const users: OrgUser[] = entities
    .filter((e) => e.kind === 'User')
    .map((user) => {
      const handle = String(user.metadata?.name);
      const spec = user.spec ?? {};
      const profile = (spec.profile ?? {}) as { displayName?: unknown; email?: unknown };
      const memberOf = Array.isArray(spec.memberOf) ? spec.memberOf.map((r) => refName(String(r))) : [];
      const role = user.metadata?.annotations?.[roleAnnotation];
      const result: OrgUser = {
        handle,
        name: String(profile.displayName ?? handle),
        teams: memberOf.map((team) => ({ team, role: leads.get(team)?.has(handle) ? 'lead' : 'member' })),
      };
      if (typeof profile.email === 'string') result.email = profile.email;
      // Admin rights are granted in Steward, never by a catalog file (see import-org.ts).
      if (role === 'member' || role === 'viewer') result.role = role;
      return result;
    });
  return { teams: orderParentsFirst(teams), users };
}

/** `group:default/platform` → `platform`: Steward's teams live in one namespace for now. */
function refName(ref: string): string {
  const withoutKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return withoutKind.includes('/') ? withoutKind.slice(withoutKind.lastIndexOf('/') + 1) : withoutKind;
}

function orderParentsFirst(teams: OrgTeam[]): OrgTeam[] {
  const byName = new Map(teams.map((t) => [t.name, t]));
  const ordered: OrgTeam[] = [];
  const seen = new Set<string>();
  const visit = (team: OrgTeam, path: Set<string>) => {
    if (seen.has(team.name) || path.has(team.name)) return;
    path.add(team.name);
    const parent = team.parent ? byName.get(team.parent) : undefined;
    if (parent) visit(parent, path);
    seen.add(team.name);
    ordered.push(team);
  };
  for (const team of teams) visit(team, new Set());
  return ordered;
}

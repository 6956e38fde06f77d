// Team guardrails as code, pure: catalog entities in, for each team the Kubernetes objects that keep
// it safe in its namespaces out (ResourceQuota and LimitRange from its tier, a default-deny
// NetworkPolicy with DNS and what its dependencies imply, a RoleBinding for its members), with a
// notice for everything left out and why.
import type { CatalogEntity } from '../../../catalog/index.ts';
import { dependencyAllowances } from './allowances.ts';
import { catalogView } from './catalog-view.ts';
import {
  catalogAnnotations,
  type Generated,
  type GenerateOptions,
  type Notice,
  type TeamGuardrails,
} from './model.ts';
import { namespaceHolders, namespaceTier } from './namespaces.ts';
import { namespaceObjects } from './objects.ts';

/** A team: a Group of type team, or any Group that owns something. */
export function teamsOf(entities: readonly CatalogEntity[]): CatalogEntity[] {
  const owners = new Set(entities.flatMap((e) => e.owners.map((o) => o.ref)));
  return entities
    .filter((e) => e.kind === 'Group' && (e.spec.type === 'team' || owners.has(e.ref)))
    .sort((a, b) => (a.ref < b.ref ? -1 : 1));
}

export function generateGuardrails(entities: readonly CatalogEntity[], options: GenerateOptions): Generated {
  const view = catalogView(entities);
  const notices: Notice[] = [];
  const allTeams = teamsOf(entities);
  const wanted = new Set(options.teams);
  const chosen =
    wanted.size === 0
      ? allTeams
      : view.groups.filter((g) => wanted.has(g.ref)).sort((a, b) => (a.ref < b.ref ? -1 : 1));
  const claimants = [...new Map([...allTeams, ...chosen].map((t) => [t.ref, t])).values()];
  const { holder, claimed } = namespaceHolders(view, claimants, notices);
  const allowances = dependencyAllowances(view, holder, notices);
  const heldBy = groupBy([...holder], ([, team]) => team);
  const allowancesIn = groupBy(allowances, (a) => a.at.namespace);
  const teams: TeamGuardrails[] = [];
  for (const team of chosen) {
    const held = (heldBy.get(team.ref) ?? []).map(([namespace]) => namespace);
    if (held.length === 0) {
      if (!claimed.has(team.ref)) notices.push({ team: team.ref, message: noNamespace(team.ref) });
      continue;
    }
    const members = memberSubjects(view.members(team.ref));
    if (members.length === 0)
      notices.push({
        team: team.ref,
        message: `${team.ref} has no members (spec.members of the Group, or spec.memberOf of its Users): no RoleBinding is generated`,
      });
    const namespaces = held
      .sort()
      .map((n) => namespaceTier(view, team, n, options.sizes.defaultTier, notices));
    const objects = namespaces.flatMap((namespace) =>
      namespaceObjects({
        team: team.name,
        namespace,
        size: options.sizes.tiers[namespace.tier],
        allowances: allowancesIn.get(namespace.name) ?? [],
        members,
        memberRole: options.memberRole,
      }),
    );
    teams.push({ ref: team.ref, name: team.name, namespaces, members, objects });
  }
  const shown = new Set(chosen.map((t) => t.ref));
  const all = [...view.notices, ...notices].filter((n) => n.team === null || shown.has(n.team));
  return { teams, notices: uniqueNotices(all) };
}

function noNamespace(team: string): string {
  return `${team} has no namespace, so nothing is generated for it: add backstage.io/kubernetes-namespace to the components it owns, spec.selectors.kubernetes.namespace to its steward.dev/v1 services, or ${catalogAnnotations.namespaces}: a,b to the Group`;
}

/** Each member as Kubernetes will know them: their email (`spec.profile.email`), else their name. */
function memberSubjects(users: readonly CatalogEntity[]): string[] {
  const names = users.map((user) => {
    const profile = user.spec.profile;
    const email =
      typeof profile === 'object' && profile !== null ? (profile as { email?: unknown }).email : undefined;
    return typeof email === 'string' && email !== '' ? email : user.name;
  });
  return [...new Set(names)].sort();
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

function uniqueNotices(notices: Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.filter((n) => {
    const key = `${n.team}\u0000${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

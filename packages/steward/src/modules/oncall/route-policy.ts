// The contract's route from an alert's service or team to its escalation policy, each hop with its
// reason: the service's own policy (annotation, then spec.escalationPolicy), else its owning group's
// annotation, else the one policy whose spec.owner is that group.
import type { CatalogEntity } from '../catalog/index.ts';
import type { OncallCatalog } from './catalog-view.ts';
import { fullRef, namedPolicy } from './read-spec.ts';
import type { EscalationPolicyView } from './schemas.ts';

export interface PolicyRoute {
  policy: EscalationPolicyView | null;
  hops: { text: string }[];
}

/** Refs a service name may mean, in the order they are tried: a full ref as written, else Service, then Component. */
export function serviceCandidates(name: string): string[] {
  const given = fullRef(name, undefined);
  if (given && name.includes(':')) return [given];
  return ['service', 'component'].flatMap((kind) => fullRef(name, kind) ?? []);
}

/** The group ref a team name (or group ref) means. */
export function teamRef(team: string): string | null {
  return fullRef(team, 'group');
}

export function routePolicy(
  view: OncallCatalog,
  service: CatalogEntity | null,
  team: string | null,
): PolicyRoute {
  const hops: { text: string }[] = [];
  if (service) {
    const named = namedPolicy(service);
    if (named) {
      const policy = view.policies.get(named.ref) ?? null;
      if (policy) {
        hops.push({ text: `${service.ref} names ${named.ref} by ${named.how}` });
        return { policy, hops };
      }
      hops.push({
        text: `${service.ref} names ${named.ref} by ${named.how}, but the catalog has no such policy`,
      });
    }
  }
  const owner = service ? primaryOwner(service) : team ? teamRef(team) : null;
  if (service) {
    hops.push({
      text: owner ? `${service.ref} is owned by ${owner}` : `${service.ref} has no owner to route by`,
    });
  }
  if (!owner) return { policy: null, hops };
  return { ...groupPolicy(view, owner, hops), hops };
}

function groupPolicy(view: OncallCatalog, group: string, hops: { text: string }[]) {
  const named = view.groups.get(group)?.policy;
  const namedPolicy = named ? view.policies.get(named.ref) : undefined;
  if (named && namedPolicy) {
    hops.push({ text: `${group} names ${named.ref} by ${named.how}` });
    return { policy: namedPolicy };
  }
  if (named)
    hops.push({ text: `${group} names ${named.ref} by ${named.how}, but the catalog has no such policy` });
  const owned = (view.policiesByOwner.get(group) ?? []).slice().sort();
  const first = owned[0];
  if (first === undefined) {
    hops.push({ text: `no escalation policy is named by ${group} or owned by it` });
    return { policy: null };
  }
  hops.push({
    text:
      owned.length === 1
        ? `${first} is the escalation policy owned by ${group}`
        : `${group} owns ${owned.length} escalation policies (${owned.join(', ')}); the first, ${first}, is used: name one with the annotation steward.dev/escalation-policy`,
  });
  return { policy: view.policies.get(first) ?? null };
}

/** A team's policies: the one it names, then those it owns. */
export function teamPolicies(view: OncallCatalog, group: string): EscalationPolicyView[] {
  const refs = [
    view.groups.get(group)?.policy?.ref,
    ...(view.policiesByOwner.get(group) ?? []).slice().sort(),
  ];
  return [...new Set(refs)].flatMap((ref) => (ref && view.policies.get(ref)) || []);
}

function primaryOwner(entity: CatalogEntity): string | null {
  const owner = entity.owners.find((o) => o.role === 'primary') ?? entity.owners[0];
  return owner ? owner.ref.toLowerCase() : null;
}

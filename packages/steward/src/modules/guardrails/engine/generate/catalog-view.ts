// What generation reads from the catalog, once: where each entity runs (its Kubernetes selectors and
// annotations, read as who-owns reads them), its primary owner and tier, the teams' members, and the
// dependencies each entity declares (`dependsOn`, and `consumesApis` through the APIs' providers).
import type { CatalogEntity } from '../../../catalog/index.ts';
import { claimsOf, type LabelRequirement } from '../../../ownership/index.ts';
import { catalogAnnotations, type LabelSelector, type Notice, type Placement, type Tier } from './model.ts';

export interface CatalogView {
  byRef: ReadonlyMap<string, CatalogEntity>;
  groups: CatalogEntity[];
  placements(ref: string): Placement[];
  /** The Group owning an entity (its primary owner), or null. */
  ownerOf(entity: CatalogEntity): string | null;
  /** Entities whose primary owner is the group. */
  ownedBy(group: string): CatalogEntity[];
  members(group: string): CatalogEntity[];
  /**
   * The refs an entity depends on: its `dependsOn` targets and the providers of the APIs it consumes
   * (`via` the API; an API nothing provides comes back as its own target, `via` itself).
   */
  dependencies(entity: CatalogEntity): { target: string; via: string | null }[];
  /** The providers of an API (`providesApis` of components, `apiProvidedBy` of the API). */
  providers(api: string): string[];
  tierOf(entity: CatalogEntity): Tier | null;
  notices: Notice[];
}

export function catalogView(entities: readonly CatalogEntity[]): CatalogView {
  const byRef = new Map(entities.map((e) => [e.ref, e]));
  const notices: Notice[] = [];
  const owned = new Map<string, CatalogEntity[]>();
  const members = new Map<string, Set<string>>();
  const providers = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(value);
    map.set(key, set);
  };
  for (const entity of entities) {
    const owner = primaryOwner(entity);
    if (owner?.startsWith('group:')) owned.set(owner, [...(owned.get(owner) ?? []), entity]);
    // Each relation is read from whichever side declared it, so either half is enough.
    for (const r of entity.relations) {
      if (r.type === 'memberOf' && entity.kind === 'User') add(members, r.targetRef, entity.ref);
      if (r.type === 'hasMember' && r.targetRef.startsWith('user:')) add(members, entity.ref, r.targetRef);
      if (r.type === 'providesApi') add(providers, r.targetRef, entity.ref);
      if (r.type === 'apiProvidedBy') add(providers, entity.ref, r.targetRef);
    }
  }
  const placements = new Map<string, Placement[]>();
  const view: CatalogView = {
    byRef,
    groups: entities.filter((e) => e.kind === 'Group'),
    placements(ref) {
      let found = placements.get(ref);
      if (found === undefined) {
        const entity = byRef.get(ref);
        found = entity ? placementsOf(entity, notices, owner(entity)) : [];
        placements.set(ref, found);
      }
      return found;
    },
    ownerOf: (entity) => owner(entity),
    ownedBy: (group) => owned.get(group) ?? [],
    members: (group) =>
      [...(members.get(group) ?? [])].flatMap((ref) => {
        const user = byRef.get(ref);
        return user ? [user] : [];
      }),
    dependencies(entity) {
      const out: { target: string; via: string | null }[] = [];
      for (const r of entity.relations) {
        if (r.type === 'dependsOn') out.push({ target: r.targetRef, via: null });
        if (r.type !== 'consumesApi') continue;
        const found = [...(providers.get(r.targetRef) ?? [])].sort();
        if (found.length === 0) out.push({ target: r.targetRef, via: r.targetRef });
        for (const provider of found) out.push({ target: provider, via: r.targetRef });
      }
      return out;
    },
    providers: (api) => [...(providers.get(api) ?? [])].sort(),
    tierOf: (entity) => entityTier(entity, notices, owner(entity)),
    notices,
  };
  function owner(entity: CatalogEntity): string | null {
    const found = primaryOwner(entity);
    return found?.startsWith('group:') ? found : null;
  }
  return view;
}

function primaryOwner(entity: CatalogEntity): string | null {
  return (entity.owners.find((o) => o.role === 'primary') ?? entity.owners[0])?.ref ?? null;
}

export function annotationOf(entity: CatalogEntity, key: string): string | undefined {
  const annotations = entity.metadata.annotations;
  if (typeof annotations !== 'object' || annotations === null) return undefined;
  const value = (annotations as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A tier written on an entity: `spec.tier` of Steward's kinds, else the `steward.dev/tier` annotation. */
function entityTier(entity: CatalogEntity, notices: Notice[], team: string | null): Tier | null {
  const spec = entity.spec.tier;
  if (spec === 1 || spec === 2 || spec === 3 || spec === 4) return spec;
  const written = annotationOf(entity, catalogAnnotations.tier);
  if (written === undefined) return null;
  const tier = readTier(written);
  if (tier === null)
    notices.push({
      team,
      message: `${entity.ref}: ${catalogAnnotations.tier} ${JSON.stringify(written)} is not a tier (1 to 4); it is not counted (${entity.source.file}:${entity.source.line})`,
    });
  return tier;
}

export function readTier(text: string): Tier | null {
  return text === '1' || text === '2' || text === '3' || text === '4' ? (Number(text) as Tier) : null;
}

/** Each Kubernetes claim of the entity that names a namespace; label-only claims place nothing. */
function placementsOf(entity: CatalogEntity, notices: Notice[], team: string | null): Placement[] {
  const claims = claimsOf(entity);
  for (const p of claims.problems)
    notices.push({ team, message: `${p.entity}: ${p.message} (${p.file}:${p.line})` });
  const out: Placement[] = [];
  const seen = new Set<string>();
  for (const claim of claims.kubernetes) {
    if (claim.namespace === null) continue;
    const pods = selectorOf(claim.requirements);
    const key = `${claim.namespace}\u0000${JSON.stringify(pods)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ namespace: claim.namespace, pods, key });
  }
  return out;
}

/** A `kubectl -l` selector as a NetworkPolicy's LabelSelector; no requirements select every pod. */
export function selectorOf(requirements: readonly LabelRequirement[]): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const r of requirements) {
    if (r.operator === '=') matchLabels[r.key] = r.value;
    else if (r.operator === '!=') matchExpressions.push({ key: r.key, operator: 'NotIn', values: [r.value] });
    else if (r.operator === 'in') matchExpressions.push({ key: r.key, operator: 'In', values: r.values });
    else if (r.operator === 'notin')
      matchExpressions.push({ key: r.key, operator: 'NotIn', values: r.values });
    else if (r.operator === 'exists') matchExpressions.push({ key: r.key, operator: 'Exists' });
    else matchExpressions.push({ key: r.key, operator: 'DoesNotExist' });
  }
  return {
    ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}

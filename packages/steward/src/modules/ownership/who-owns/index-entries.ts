// Adding and removing one entity in the ownership index, so a catalog change costs the entities it
// names, not a rebuild. Every list is kept in ref order (claims of one entity in the order it makes
// them), so an index kept this way holds what a full build of the same catalog holds.
import type { CatalogEntity } from '../../catalog/index.ts';
import { claimsOf, type EntityClaims } from './claims.ts';
import { isKind } from './entity-fields.ts';
import type { Buckets, OwnershipIndex } from './index-shape.ts';
import { addNamed, removeNamed } from './name-lists.ts';
import { addToDirectory, insertByRef, removeByRef, removeFromDirectory, upperBound } from './owners.ts';

const claimRef = (claim: { entity: CatalogEntity }) => claim.entity.ref;

export function addEntity(index: OwnershipIndex, entity: CatalogEntity): void {
  index.byRef.set(entity.ref, entity);
  for (const names of nameMaps(index, entity)) addNamed(names, entity.name.toLowerCase(), entity);
  addToDirectory(index.directory, entity);
  const claims = claimsOf(entity);
  for (const [into, keys, claim] of filed(index, claims)) {
    if (keys.length === 0) into.unkeyed.splice(upperBound(into.unkeyed, entity.ref, claimRef), 0, claim);
    for (const key of new Set(keys)) insertByRef(into.keyed, key, claim, claimRef);
  }
  if (claims.kubernetes.length > 0) index.selecting.kubernetes.add(entity.ref);
  if (claims.alerts.length > 0) index.selecting.alerts.add(entity.ref);
  countAlertLabels(index, claims, 1);
  index.version++;
  for (const claim of claims.locations) insertByRef(index.locations, claim.path, claim, claimRef);
  const at = upperBound(index.problems, entity.ref, (p) => p.entity);
  index.problems.splice(at, 0, ...claims.problems);
}

/** Removes the entity the index holds under `ref`, if any: what it was filed under is worked out again. */
export function removeEntity(index: OwnershipIndex, ref: string): void {
  const entity = index.byRef.get(ref);
  if (!entity) return;
  index.byRef.delete(ref);
  for (const names of nameMaps(index, entity)) removeNamed(names, entity.name.toLowerCase(), ref);
  removeFromDirectory(index.directory, entity);
  const claims = claimsOf(entity);
  for (const [from, keys] of filed(index, claims)) {
    if (keys.length === 0) from.unkeyed = from.unkeyed.filter((claim) => claimRef(claim) !== ref);
    for (const key of new Set(keys)) removeByRef(from.keyed, key, ref, claimRef);
  }
  index.selecting.kubernetes.delete(ref);
  index.selecting.alerts.delete(ref);
  countAlertLabels(index, claims, -1);
  index.version++;
  for (const claim of claims.locations) removeByRef(index.locations, claim.path, ref, claimRef);
  if (claims.problems.length > 0) index.problems = index.problems.filter((p) => p.entity !== ref);
}

/** The labels the entity's alert matchers name, counted in (1) or out (-1). */
function countAlertLabels(index: OwnershipIndex, claims: EntityClaims, by: 1 | -1): void {
  for (const claim of claims.alerts) {
    for (const { label } of claim.matchers) {
      const count = (index.alertLabels.get(label) ?? 0) + by;
      if (count > 0) index.alertLabels.set(label, count);
      else index.alertLabels.delete(label);
    }
  }
}

function nameMaps(index: OwnershipIndex, entity: CatalogEntity) {
  return isKind(entity, 'Component', 'Service') ? [index.byName, index.componentsByName] : [index.byName];
}

type Claimed = { entity: CatalogEntity };
type Filed = [Buckets<Claimed>, readonly string[], Claimed];

/** Each bucketed claim with its buckets and keys (no keys: checked for every question). */
function filed(index: OwnershipIndex, claims: EntityClaims): Filed[] {
  const result: Filed[] = [];
  for (const claim of claims.kubernetes) {
    const equality = claim.requirements.find((r) => r.operator === '=');
    const keys = equality && 'value' in equality ? [`${equality.key}=${equality.value}`] : [];
    result.push([index.kubernetes as Buckets<Claimed>, keys, claim]);
  }
  for (const claim of claims.alerts) {
    const equality = claim.matchers.find((m) => m.operator === '=' && m.value !== '');
    result.push([
      index.alerts as Buckets<Claimed>,
      equality ? [`${equality.label}=${equality.value}`] : [],
      claim,
    ]);
  }
  for (const claim of claims.urls) result.push([index.urls as Buckets<Claimed>, claim.hosts, claim]);
  return result;
}

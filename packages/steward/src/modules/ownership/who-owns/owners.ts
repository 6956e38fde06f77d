// Owners as an answer names them: an entity's owners (primary first, only those the catalog has),
// and CODEOWNERS owners (@org/team, @user, email) mapped onto catalog Groups and Users.
import type { CatalogEntity } from '../../catalog/index.ts';
import type { Owner, OwnerMapping } from '../schemas.ts';
import { annotation, displayName, isKind, specRecord, stringField } from './entity-fields.ts';

export interface EntityOwners {
  /** Declared owners, primary first; one the catalog does not have is still there, with inCatalog: false. */
  owners: Owner[];
  /** Declared owner refs the catalog does not have. */
  missing: string[];
}

export function ownersOf(entity: CatalogEntity, byRef: ReadonlyMap<string, CatalogEntity>): EntityOwners {
  const declared = [...entity.owners].sort((a, b) => rolePlace(a.role) - rolePlace(b.role));
  const owners: Owner[] = [];
  const missing: string[] = [];
  for (const { ref, role } of declared) {
    const target = byRef.get(ref);
    // Still the owner, as declared: the catalog just does not describe them (yet).
    if (!target) missing.push(ref);
    owners.push(target ? withName({ ref, role }, target) : { ref, role, inCatalog: false });
  }
  return { owners, missing };
}

export function withName(owner: Owner, entity: CatalogEntity | undefined): Owner {
  const name = entity ? displayName(entity) : undefined;
  return name === undefined ? owner : { ...owner, name };
}

function rolePlace(role: string): number {
  return role === 'primary' ? 0 : 1;
}

/**
 * Catalog Groups and Users by the names CODEOWNERS may use for them. Each list is in ref order: the
 * first is the one a slug, login or email means, so adding and removing entities one by one gives
 * the directory a full build would.
 */
export interface OwnerDirectory {
  teamSlugs: Map<string, CatalogEntity[]>;
  userLogins: Map<string, CatalogEntity[]>;
  emails: Map<string, CatalogEntity[]>;
  groupNames: Map<string, CatalogEntity[]>;
  userNames: Map<string, CatalogEntity[]>;
}

export function createOwnerDirectory(): OwnerDirectory {
  return {
    teamSlugs: new Map(),
    userLogins: new Map(),
    emails: new Map(),
    groupNames: new Map(),
    userNames: new Map(),
  };
}

/** The lists of the directory an entity belongs in (none unless a Group or User). */
function directoryEntries(directory: OwnerDirectory, entity: CatalogEntity) {
  const isGroup = isKind(entity, 'Group');
  if (!isGroup && !isKind(entity, 'User')) return [];
  const entries: Array<[Map<string, CatalogEntity[]>, string]> = [];
  const email = stringField(specRecord(entity, 'profile'), 'email');
  if (email) entries.push([directory.emails, email.toLowerCase()]);
  entries.push([isGroup ? directory.groupNames : directory.userNames, entity.name.toLowerCase()]);
  const slug = annotation(entity, isGroup ? 'github.com/team-slug' : 'github.com/user-login');
  if (slug) entries.push([isGroup ? directory.teamSlugs : directory.userLogins, slug.toLowerCase()]);
  return entries;
}

export function addToDirectory(directory: OwnerDirectory, entity: CatalogEntity): void {
  for (const [map, key] of directoryEntries(directory, entity)) insertByRef(map, key, entity, (e) => e.ref);
}

export function removeFromDirectory(directory: OwnerDirectory, entity: CatalogEntity): void {
  for (const [map, key] of directoryEntries(directory, entity))
    removeByRef(map, key, entity.ref, (e) => e.ref);
}

/** Inserts after every item whose ref sorts at or before `ref`: items of one entity keep their order. */
export function insertByRef<K, T>(map: Map<K, T[]>, key: K, item: T, refOf: (item: T) => string): void {
  const list = map.get(key);
  if (!list) {
    map.set(key, [item]);
    return;
  }
  list.splice(upperBound(list, refOf(item), refOf), 0, item);
}

export function removeByRef<K, T>(map: Map<K, T[]>, key: K, ref: string, refOf: (item: T) => string): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((item) => refOf(item) !== ref);
  if (kept.length === 0) map.delete(key);
  else map.set(key, kept);
}

export function upperBound<T>(list: readonly T[], ref: string, refOf: (item: T) => string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (refOf(list[middle] as T) <= ref) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `@acme/payments` → group payments; `@alice` → user alice; `a@acme.com` → whoever has that email. */
export function mapCodeowner(
  raw: string,
  directory: OwnerDirectory,
): { owner: Owner; mapping: OwnerMapping } {
  const found = lookUp(raw, directory);
  const name = found ? displayName(found.entity) : undefined;
  const owner: Owner = {
    ref: found?.entity.ref ?? null,
    role: 'codeowner',
    ...(name ? { name } : {}),
    codeowner: raw,
    ...(found ? {} : { inCatalog: false }),
  };
  const mapping: OwnerMapping = {
    from: raw,
    to: found?.entity.ref ?? null,
    by: found?.by ?? 'no Group or User matches',
  };
  return { owner, mapping };
}

function lookUp(raw: string, directory: OwnerDirectory): { entity: CatalogEntity; by: string } | undefined {
  const lower = raw.toLowerCase();
  if (!lower.startsWith('@')) {
    const entity = directory.emails.get(lower)?.[0];
    return entity && { entity, by: 'the email in its spec.profile.email' };
  }
  const handle = lower.slice(1);
  const slash = handle.lastIndexOf('/');
  if (slash !== -1) {
    const slugged = directory.teamSlugs.get(handle)?.[0];
    if (slugged) return { entity: slugged, by: 'its github.com/team-slug annotation' };
    const team = preferDefault(directory.groupNames.get(handle.slice(slash + 1)));
    return (
      team && { entity: team, by: `the Group named ${handle.slice(slash + 1)} (the team part of ${raw})` }
    );
  }
  const login = directory.userLogins.get(handle)?.[0];
  if (login) return { entity: login, by: 'its github.com/user-login annotation' };
  const user = preferDefault(directory.userNames.get(handle));
  if (user) return { entity: user, by: `the User named ${handle}` };
  // GitLab writes a top-level group as @group.
  const group = preferDefault(directory.groupNames.get(handle));
  return group && { entity: group, by: `the Group named ${handle}` };
}

/** One entity per name, the default namespace's when several namespaces have it. */
function preferDefault(entities: CatalogEntity[] | undefined): CatalogEntity | undefined {
  if (!entities || entities.length === 0) return undefined;
  if (entities.length === 1) return entities[0];
  return entities.find((e) => e.namespace === 'default');
}

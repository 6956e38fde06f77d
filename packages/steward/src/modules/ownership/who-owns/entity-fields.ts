// Reading the few entity fields ownership needs from a validated entity's plain metadata and spec,
// defensively: a store may hand over entities written by an older version.
import type { CatalogEntity, EntityView } from '../../catalog/index.ts';
import type { Provenance } from '../schemas.ts';

/**
 * The fields of an entity ownership reads, and all the index loads: a million entities' other fields
 * and relations would triple the heap a server keeps (and its garbage collector walks). A field read
 * here must be named here.
 */
export const ownershipView: EntityView = {
  metadata: ['annotations', 'links', 'title'],
  spec: ['owner', 'selectors', 'repository', 'path', 'profile'],
  relations: false,
};

export function annotation(entity: CatalogEntity, key: string): string | undefined {
  const annotations = entity.metadata.annotations;
  if (!isRecord(annotations)) return undefined;
  const value = annotations[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function specRecord(entity: CatalogEntity, ...path: string[]): Record<string, unknown> | undefined {
  let value: unknown = entity.spec;
  for (const key of path) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return isRecord(value) ? value : undefined;
}

export function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function stringList(record: Record<string, unknown> | undefined, key: string): string[] {
  const value = record?.[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** A Group's or User's display name: `spec.profile.displayName`, else `metadata.title`. */
export function displayName(entity: CatalogEntity): string | undefined {
  const profile = specRecord(entity, 'profile');
  const title = entity.metadata.title;
  return (
    stringField(profile, 'displayName') ?? (typeof title === 'string' && title !== '' ? title : undefined)
  );
}

export function isKind(entity: CatalogEntity, ...kinds: string[]): boolean {
  const kind = entity.kind.toLowerCase();
  return kinds.some((k) => k.toLowerCase() === kind);
}

/** Where an entity's own field decided: the entity's document (field positions are not kept). */
export function provenanceAt(entity: CatalogEntity, source: Provenance['source'], rule: string): Provenance {
  const { file, line, column } = entity.source;
  return { source, file, line, column, rule, entity: entity.ref };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// From a validated entity to what the store keeps: the body, its content hash, the columns lists
// filter on, the owners, and the relations it declares (inverses are read from the target's side).
import { createHash } from 'node:crypto';
import type { CatalogEntity } from '../engine/model.ts';

export interface EntityBody {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
}

/** A relation the entity declares, to `target`. */
export interface RelationRow {
  type: string;
  target: string;
}

export interface RecordOwner {
  ref: string;
  role: string;
  /** Where the owner is written (null for entities sent to the API). */
  line: number | null;
  column: number | null;
}

export interface EntityRecord {
  ref: string;
  /** Lower-case, as refs compare. */
  kind: string;
  namespace: string;
  name: string;
  file: string | null;
  line: number | null;
  /** Where the entity's document starts on its line (not stored: problems point at it). */
  column: number | null;
  hash: string;
  body: EntityBody;
  bodyJson: string;
  primaryOwner: string | null;
  tier: string | null;
  lifecycle: string | null;
  tags: string[];
  title: string | null;
  description: string | null;
  runbook: string | null;
  search: string;
  owners: RecordOwner[];
  relations: RelationRow[];
}

export function toEntityRecord(entity: CatalogEntity, file: string | null): EntityRecord {
  const body: EntityBody = {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: entity.metadata,
    spec: entity.spec,
  };
  const bodyJson = JSON.stringify(body);
  const metadata = entity.metadata;
  const tags = Array.isArray(metadata.tags)
    ? metadata.tags.filter((t): t is string => typeof t === 'string')
    : [];
  const title = stringOrNull(metadata.title);
  const description = stringOrNull(metadata.description);
  const owners = uniqueOwners(entity.owners, file !== null);
  return {
    ref: entity.ref,
    kind: entity.kind.toLowerCase(),
    namespace: entity.namespace,
    name: entity.name,
    file,
    line: file === null ? null : entity.source.line,
    column: file === null ? null : entity.source.column,
    hash: contentHash(bodyJson),
    body,
    bodyJson,
    primaryOwner: owners.find((o) => o.role === 'primary')?.ref ?? null,
    tier: tierOf(entity),
    lifecycle: stringOrNull(entity.spec.lifecycle),
    tags,
    title,
    description,
    runbook: runbookOf(entity),
    search: [entity.ref, title, description, ...tags].filter(Boolean).join(' ').toLowerCase(),
    owners,
    relations: relationRows(entity),
  };
}

export function contentHash(bodyJson: string): string {
  return createHash('sha256').update(bodyJson).digest('base64url');
}

function relationRows(entity: CatalogEntity): RelationRow[] {
  const rows = new Map<string, RelationRow>();
  for (const relation of entity.relations) {
    if (relation.origin !== 'declared') continue;
    rows.set(`${relation.type} ${relation.targetRef}`, { type: relation.type, target: relation.targetRef });
  }
  return [...rows.values()];
}

function uniqueOwners(owners: CatalogEntity['owners'], positioned: boolean): RecordOwner[] {
  const seen = new Map<string, RecordOwner>();
  for (const { ref, role, position } of owners) {
    if (seen.has(ref)) continue;
    seen.set(ref, {
      ref,
      role,
      line: positioned ? position.line : null,
      column: positioned ? position.column : null,
    });
  }
  return [...seen.values()];
}

/** Steward's `spec.tier`, else the `steward.dev/tier` annotation Backstage entities carry it in. */
function tierOf(entity: CatalogEntity): string | null {
  const tier = entity.spec.tier;
  if (typeof tier === 'number' || typeof tier === 'string') return String(tier);
  const annotations = entity.metadata.annotations as Record<string, unknown> | undefined;
  return stringOrNull(annotations?.['steward.dev/tier']);
}

/** Steward's `spec.runbook`, a link of type runbook (or titled so), or the `steward.dev/runbook` annotation. */
function runbookOf(entity: CatalogEntity): string | null {
  const fromSpec = stringOrNull(entity.spec.runbook);
  if (fromSpec) return fromSpec;
  const links = Array.isArray(entity.metadata.links)
    ? (entity.metadata.links as Record<string, unknown>[])
    : [];
  const link = links.find(
    (l) => l && (l.type === 'runbook' || (typeof l.title === 'string' && /runbook/i.test(l.title))),
  );
  if (link && typeof link.url === 'string') return link.url;
  const annotations = entity.metadata.annotations as Record<string, unknown> | undefined;
  return stringOrNull(annotations?.['steward.dev/runbook']);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

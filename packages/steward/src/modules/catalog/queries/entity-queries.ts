// Reading the catalog: filtered, faceted pages of entities; one entity with its owners, relations
// both ways, problems and source; an entity's history.
import { invalid, notFound } from '../../../platform/errors.ts';
import { parseEntityRef, stringifyEntityRef } from '../engine/refs.ts';
import type { EntityDetail, EntityList, HistoryEntry, OwnedChange } from '../schemas.ts';
import { findEntityDetail } from '../store/entity-detail.ts';
import { findEntityRow } from '../store/entity-reads.ts';
import { facetCounts, listEntityRows } from '../store/entity-search.ts';
import { listHistoryRows, listOwnedHistoryRows } from '../store/history-store.ts';
import { findRejections } from '../store/rejections.ts';
import type { CatalogDb } from '../store/tables.ts';
import { entitySummaryView, iso } from './views.ts';

export interface EntityListQuery {
  kind?: string | undefined;
  owner?: string | undefined;
  tier?: string | undefined;
  lifecycle?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listEntities(db: CatalogDb, query: EntityListQuery): Promise<EntityList> {
  const filter = {
    kind: query.kind?.toLowerCase(),
    owner: query.owner === undefined ? undefined : ownerRefFromQuery(query.owner),
    tier: query.tier,
    lifecycle: query.lifecycle,
    tag: query.tag,
    words: query.q?.toLowerCase().split(/\s+/).filter(Boolean),
  };
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const [rows, facets] = await Promise.all([
    listEntityRows(db, filter, query.limit + 1, after),
    facetCounts(db, filter),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(entitySummaryView),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.ref) : null,
    facets,
  };
}

/** `payments` means the group; a full ref may name any kind. */
export function ownerRefFromQuery(owner: string): string {
  const parsed = parseEntityRef(owner, { defaultKind: 'Group', defaultNamespace: 'default' });
  if (!parsed.ok)
    throw invalid(`querystring.owner: ${parsed.message}`, [
      { field: 'querystring.owner', message: parsed.message },
    ]);
  return stringifyEntityRef(parsed.ref);
}

function encodeCursor(ref: string): string {
  return Buffer.from(JSON.stringify({ after: ref })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof decoded.after === 'string') return decoded.after;
  } catch {
    // reported below
  }
  const message = 'is not a cursor this server gave out; pass the nextCursor of the previous page unchanged';
  throw invalid(`querystring.cursor ${message}`, [{ field: 'querystring.cursor', message }]);
}

export function refFromParams(params: { kind: string; namespace: string; name: string }): string {
  return stringifyEntityRef(params);
}

/** A 404 that says why: a rejected entity's problems (at file:line:col) and where to see them. */
async function notInCatalog(db: CatalogDb, ref: string) {
  const [rejected] = await findRejections(db, { refs: [ref] });
  if (!rejected)
    return notFound(`no entity ${ref} in the catalog; list entities with GET /api/v1/entities?q=…`);
  const count = rejected.problems.length === 1 ? 'an error' : `${rejected.problems.length} errors`;
  return notFound(
    `${ref} is not in the catalog: it was rejected for ${count} at ${rejected.file}:${rejected.line} (source ${rejected.source.name}): ${rejected.problems[0]?.message}; fix the file and refresh the source (GET /api/v1/catalog/problems?entity=${ref} lists them)`,
    rejected.problems.map((p) => ({
      field: `${p.file}:${p.line}:${p.column}`,
      message: `${p.code}: ${p.message}`,
    })),
  );
}

export async function getEntityDetail(db: CatalogDb, ref: string): Promise<EntityDetail> {
  const row = await findEntityDetail(db, ref);
  if (!row) throw await notInCatalog(db, ref);
  return {
    ...entitySummaryView(row),
    entity: row.body as Record<string, unknown>,
    owners: row.owners,
    relations: { outgoing: row.outgoing, incoming: row.incoming },
    problems: row.problems,
    source: {
      id: row.source_id,
      kind: row.source_kind ?? 'api',
      name: row.source_name ?? row.source_id,
      target: row.source_target ?? '',
      revision: row.source_revision ?? null,
    },
    file: row.file,
    line: row.line,
    contentHash: row.content_hash,
    createdAt: iso(row.created_at),
    links: { history: `/api/v1/entities/${row.kind}/${row.namespace}/${row.name}/history` },
  };
}

/** The latest changes to what an owner owns, for a team's or a person's home. */
export async function ownedChanges(
  db: CatalogDb,
  query: { owner: string; limit: number },
): Promise<{ items: OwnedChange[] }> {
  const rows = await listOwnedHistoryRows(db, ownerRefFromQuery(query.owner), query.limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      entity: r.entity_ref,
      at: iso(r.at),
      actor: r.actor,
      revision: r.revision,
      change: r.change,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
  };
}

export async function entityHistory(
  db: CatalogDb,
  ref: string,
  query: { limit: number; before?: string | undefined },
): Promise<{ items: HistoryEntry[] }> {
  const rows = await listHistoryRows(db, ref, query.limit, query.before);
  if (rows.length === 0 && query.before === undefined && !(await findEntityRow(db, ref))) {
    throw notFound(`no entity ${ref} has ever been in the catalog`);
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: iso(r.at),
      actor: r.actor,
      revision: r.revision,
      change: r.change,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
  };
}

/** A ref as a caller writes it (`component:payments`, `Component:default/payments`), compared form. */
export function refFromText(text: string, field: string): string {
  const parsed = parseEntityRef(text, { defaultNamespace: 'default' });
  if (!parsed.ok) throw invalid(`${field}: ${parsed.message}`, [{ field, message: parsed.message }]);
  return stringifyEntityRef(parsed.ref);
}

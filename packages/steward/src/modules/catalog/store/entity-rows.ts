// An entity as a batch carries it: one JSON object per entity (its columns, owners and declared
// relations), serialised once, wherever the entity was read (a worker thread for large sources);
// a batch joins these texts into one parameter that `json_to_recordset` reads.
import type { EntityRecord } from './entity-record.ts';

/** The columns a row carries, with their types; `source_id` is the batch's, added in SQL. */
export const rowColumns = {
  ref: 'text',
  kind: 'text',
  namespace: 'text',
  name: 'text',
  file: 'text',
  line: 'integer',
  content_hash: 'text',
  body: 'jsonb',
  primary_owner_ref: 'text',
  tier: 'text',
  lifecycle: 'text',
  tags: 'text[]',
  title: 'text',
  description: 'text',
  runbook: 'text',
  search: 'text',
  /** [ref, role, line, column] tuples. */
  owners: 'json',
  /** [type, target] tuples. */
  rels: 'json',
} as const;

/** What writing needs to know of a row without reading its JSON. */
export interface StoredRow {
  ref: string;
  kind: string;
  hash: string;
  file: string | null;
  line: number | null;
  column: number | null;
  json: string;
}

export function toStoredRow(r: EntityRecord): StoredRow {
  const json = JSON.stringify({
    ref: r.ref,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    file: r.file,
    line: r.line,
    content_hash: r.hash,
    body: r.body,
    primary_owner_ref: r.primaryOwner,
    tier: r.tier,
    lifecycle: r.lifecycle,
    tags: r.tags,
    title: r.title,
    description: r.description,
    runbook: r.runbook,
    search: r.search,
    owners: r.owners.map((o) => [o.ref, o.role, o.line, o.column]),
    rels: r.relations.map((x) => [x.type, x.target]),
  });
  return { ref: r.ref, kind: r.kind, hash: r.hash, file: r.file, line: r.line, column: r.column, json };
}

/** The rows as one JSON array text, without parsing or serialising them again. */
export function rowsJson(rows: readonly StoredRow[]): string {
  return `[${rows.map((r) => r.json).join(',')}]`;
}

/** The entity columns written from a row (all but source_id, created_at and updated_at). */
export const entityColumnNames = Object.keys(rowColumns).filter((c) => c !== 'owners' && c !== 'rels');

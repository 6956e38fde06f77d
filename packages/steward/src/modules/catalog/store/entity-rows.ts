// The columns of catalog_entities as batches send them, and an EntityRecord as such a row.
import type { EntityRecord } from '../ingest/entity-record.ts';

export const entityColumns = {
  ref: 'text',
  kind: 'text',
  namespace: 'text',
  name: 'text',
  source_id: 'text',
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
} as const;

export function entityRows(sourceId: string, records: readonly EntityRecord[]) {
  return records.map((r) => ({
    ref: r.ref,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    source_id: sourceId,
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
  }));
}

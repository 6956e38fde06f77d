// Store rows as the API shows them.
import type { CatalogProblem } from '../engine/model.ts';
import type { CatalogProblemView, CatalogSourceView, EntitySummary } from '../schemas.ts';
import type { EntitySummaryRow } from '../store/entity-search.ts';
import type { ProblemRow } from '../store/problem-store.ts';
import type { SourceRow } from '../store/tables.ts';

export function sourceView(row: SourceRow): CatalogSourceView {
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    name: row.name,
    revision: row.revision,
    lastIngestedAt: row.last_ingested_at ? iso(row.last_ingested_at) : null,
    status: row.status,
    message: row.message,
    counts: { entities: row.entity_count, errors: row.error_count, warnings: row.warning_count },
    repository: row.repository === null ? null : { name: row.repository, path: row.repository_path },
  };
}

export function entitySummaryView(row: EntitySummaryRow): EntitySummary {
  return {
    ref: row.ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    title: row.title,
    description: row.description,
    owner: row.primary_owner_ref,
    tier: row.tier,
    lifecycle: row.lifecycle,
    tags: row.tags ?? [],
    sourceId: row.source_id,
    updatedAt: iso(row.updated_at),
  };
}

export function problemRowView(row: ProblemRow): CatalogProblemView & { id: string } {
  return {
    id: row.id,
    sourceId: row.source_id,
    entity: row.entity_ref,
    file: row.file,
    line: row.line,
    column: row.column,
    severity: row.severity,
    code: row.code,
    message: row.message,
  };
}

export function problemView(sourceId: string, problem: CatalogProblem): CatalogProblemView {
  return {
    sourceId,
    entity: problem.entity,
    file: problem.file,
    line: problem.line,
    column: problem.column,
    severity: problem.severity,
    code: problem.code,
    message: problem.message,
  };
}

/** Both drivers answer timestamps as Date; a string (from json) is passed through. */
export function iso(value: Date | string): string {
  return typeof value === 'string' ? new Date(value).toISOString() : value.toISOString();
}

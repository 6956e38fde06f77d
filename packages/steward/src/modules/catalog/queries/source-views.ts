// Sources and ingest results as the API shows them.
import type { IngestSummary } from '../ingest/ingest-source.ts';
import type { CatalogSourceView, IngestSummaryView } from '../schemas.ts';
import { listSourceRows } from '../store/source-store.ts';
import type { CatalogDb } from '../store/tables.ts';
import { problemView, sourceView } from './views.ts';

const shownProblems = 1000;

export async function listSources(db: CatalogDb): Promise<CatalogSourceView[]> {
  return (await listSourceRows(db)).map(sourceView);
}

export function summaryView(summary: IngestSummary): IngestSummaryView {
  const id = summary.source.id;
  return {
    source: sourceView(summary.source),
    added: summary.added,
    updated: summary.updated,
    removed: summary.removed,
    unchanged: summary.unchanged,
    files: summary.files,
    durationMs: summary.durationMs,
    errors: summary.errors.slice(0, shownProblems).map((p) => problemView(id, p)),
    warnings: summary.warnings.slice(0, shownProblems).map((p) => problemView(id, p)),
    errorCount: summary.errors.length,
    warningCount: summary.warnings.length,
  };
}

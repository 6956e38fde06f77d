// The catalog's sources and the problems found in them (file:line:col, code, message), so whoever
// keeps a repository's catalog files can see what to fix. Admins can read a source again.
import { useState } from 'react';
import {
  type CatalogProblem,
  type CatalogSourceView,
  listProblems,
  listSources,
  refreshSource,
} from '../api/catalog.ts';
import type { ApiError } from '../api/http.ts';
import { asApiError, useResource } from '../api/use-resource.ts';
import { CatalogTabs } from '../components/catalog/catalog-tabs.tsx';
import { ProblemList } from '../components/catalog/problem-list.tsx';
import { SourcesTable } from '../components/catalog/sources-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { useSession } from '../session/session-context.tsx';

export function CatalogSourcesPage() {
  const { user } = useSession();
  const sources = useResource('catalog-sources', listSources);
  const problems = useResource('catalog-problems', () => listProblems());
  const [refreshing, setRefreshing] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = async (source: CatalogSourceView) => {
    setRefreshing(source.id);
    setError(null);
    try {
      await refreshSource(source.id);
      sources.reload();
      problems.reload();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setRefreshing(null);
    }
  };

  return (
    <>
      <PageHeader
        title="Catalog"
        subtitle="Where the catalog is read from, how the last read went, and what needs fixing in the files."
      />
      <CatalogTabs current="/catalog/sources" />
      {error && <ProblemMessage error={error} />}
      <h2 className="section-title">Sources</h2>
      <ResourceView resource={sources} label="sources">
        {(list) => (
          <SourcesTable
            sources={list}
            onRefresh={user.role === 'admin' ? refresh : undefined}
            refreshing={refreshing}
          />
        )}
      </ResourceView>
      <h2 className="section-title">Problems</h2>
      <ResourceView resource={problems} label="problems">
        {(list) => <ProblemsBySource problems={list} sources={sources.data ?? []} />}
      </ResourceView>
    </>
  );
}

function ProblemsBySource({
  problems,
  sources,
}: {
  problems: CatalogProblem[];
  sources: CatalogSourceView[];
}) {
  if (problems.length === 0) {
    return <p className="empty card empty--good">No problems: every source reads cleanly.</p>;
  }
  const bySource = new Map<string, CatalogProblem[]>();
  for (const problem of problems)
    bySource.set(problem.sourceId, [...(bySource.get(problem.sourceId) ?? []), problem]);
  return (
    <>
      {[...bySource.entries()].map(([sourceId, list]) => {
        const name = sources.find((source) => source.id === sourceId)?.name ?? sourceId;
        return (
          <section key={sourceId} className="card card--flush" aria-label={`Problems in ${name}`}>
            <h3 className="card__title">
              {name} <span className="count">{list.length}</span>
            </h3>
            <ProblemList problems={list} showEntity />
          </section>
        );
      })}
    </>
  );
}

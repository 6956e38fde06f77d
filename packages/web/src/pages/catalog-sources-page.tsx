// The catalog's sources and the problems found in them (file:line:col, code, message), so whoever
// keeps a repository's catalog files can see what to fix. Admins can read a source again: the server
// reads it as a job, whose progress and outcome show here.
import { useState } from 'react';
import {
  type CatalogProblem,
  type CatalogSourceView,
  type IngestProgress,
  ingestOutcome,
  listProblems,
  listRejected,
  listSources,
  refreshSource,
} from '../api/catalog.ts';
import type { ApiError } from '../api/http.ts';
import { followJob } from '../api/jobs.ts';
import { asApiError, useResource } from '../api/use-resource.ts';
import { CatalogTabs } from '../components/catalog/catalog-tabs.tsx';
import { ProblemList } from '../components/catalog/problem-list.tsx';
import { type SourceRead, SourceReadStatus } from '../components/catalog/source-read.tsx';
import { SourcesTable } from '../components/catalog/sources-table.tsx';
import { RejectedEntities } from '../components/ownership/rejected-entities.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { useSession } from '../session/session-context.tsx';

export function CatalogSourcesPage() {
  const { user } = useSession();
  const sources = useResource('catalog-sources', listSources);
  const problems = useResource('catalog-problems', () => listProblems());
  const rejected = useResource('catalog-rejected', listRejected);
  const [refreshing, setRefreshing] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [read, setRead] = useState<SourceRead | null>(null);

  const refresh = async (source: CatalogSourceView) => {
    setRefreshing(source.id);
    setError(null);
    setRead({ name: source.name, state: 'reading', progress: null });
    try {
      const { job } = await refreshSource(source.id);
      const finished = await followJob(job, (progress) =>
        setRead({ name: source.name, state: 'reading', progress: progress as IngestProgress }),
      );
      setRead({ name: source.name, state: 'done', summary: ingestOutcome(finished) });
    } catch (caught) {
      setRead(null);
      setError(asApiError(caught));
    } finally {
      setRefreshing(null);
      sources.reload();
      problems.reload();
      rejected.reload();
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
      {read && <SourceReadStatus read={read} />}
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
      <h2 className="section-title">Rejected entities</h2>
      <ResourceView resource={rejected} label="rejected entities">
        {(list) => <RejectedEntities rejected={list} sources={sources.data ?? []} />}
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

// Admins manage where the catalog is read from: add a directory or git repository, read one again,
// remove one. Each is a job on the server; its progress shows here until it has finished.
import { useState } from 'react';
import {
  addSource,
  type CatalogSourceView,
  type IngestProgress,
  ingestOutcome,
  listSources,
  type NewSource,
  refreshSource,
  removeSource,
} from '../api/catalog.ts';
import { ApiError } from '../api/http.ts';
import { followJob, type JobView } from '../api/jobs.ts';
import { asApiError, useResource } from '../api/use-resource.ts';
import { AddSourceForm } from '../components/admin/add-source-form.tsx';
import { AdminsOnly } from '../components/admin/admins-only.tsx';
import { type SourceJob, SourceJobStatus } from '../components/admin/source-job-status.tsx';
import { SourcesTable } from '../components/catalog/sources-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { Link } from '../router.tsx';

type Started = { job: { id: string; url: string }; source: CatalogSourceView };

export function AdminSourcesPage() {
  return (
    <AdminsOnly title="Managing catalog sources">
      <ManageSources />
    </AdminsOnly>
  );
}

function ManageSources() {
  const sources = useResource('admin-sources', listSources);
  const [job, setJob] = useState<SourceJob | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const track = async (
    key: string,
    start: () => Promise<Started>,
    finish: (done: JobView, name: string) => void,
  ) => {
    setBusy(key);
    setError(null);
    setJob(null);
    try {
      const started = await start();
      const name = started.source.name;
      setJob(
        key === 'remove'
          ? { name, action: 'remove', state: 'running' }
          : { name, action: 'read', state: 'running', progress: null },
      );
      sources.reload();
      const done = await followJob(started.job, (progress) => {
        if (key !== 'remove')
          setJob({ name, action: 'read', state: 'running', progress: progress as IngestProgress });
      });
      finish(done, name);
    } catch (caught) {
      setJob(null);
      setError(asApiError(caught));
    } finally {
      setBusy(null);
      sources.reload();
    }
  };

  const read = (key: string, start: () => Promise<Started>) =>
    track(key, start, (done, name) =>
      setJob({ name, action: 'read', state: 'done', summary: ingestOutcome(done) }),
    );

  const remove = (source: CatalogSourceView) => {
    const question = `Remove ${source.name}? Its ${source.counts.entities} entities leave the catalog, with every relation they declared.`;
    if (!window.confirm(question)) return;
    void track(
      'remove',
      () => removeSource(source.id),
      (done, name) => {
        if (done.state !== 'succeeded') {
          const why = done.lastError ?? 'no reason was recorded';
          throw new ApiError(0, 'Removing the source failed', `${why} (job ${done.id}, ${done.state})`);
        }
        setJob({
          name,
          action: 'remove',
          state: 'done',
          removed: (done.result as { removed: number }).removed,
        });
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Import sources"
        subtitle={
          <>
            Where the catalog is read from. The problems found in them are on the{' '}
            <Link href="/catalog/sources">catalog's sources tab</Link>.
          </>
        }
      />
      <AddSourceForm busy={busy !== null} onAdd={(input: NewSource) => read('add', () => addSource(input))} />
      {error && <ProblemMessage error={error} />}
      {job && <SourceJobStatus job={job} />}
      <h2 className="section-title">Sources</h2>
      <ResourceView resource={sources} label="sources">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No sources yet: add a directory or a repository above.</p>
          ) : (
            <SourcesTable
              sources={list}
              refreshing={busy}
              onRefresh={(source) => read(source.id, () => refreshSource(source.id))}
              onRemove={remove}
            />
          )
        }
      </ResourceView>
    </>
  );
}

// The audit log: who changed what and when, newest first, paging back through older entries.
import { useState } from 'react';
import type { ApiError } from '../api/http.ts';
import { type AuditEntry, listAudit } from '../api/identity.ts';
import { asApiError, useResource } from '../api/use-resource.ts';
import { AuditTable } from '../components/audit-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ResourceView } from '../components/resource-view.tsx';

const pageSize = 100;

export function AuditPage() {
  const first = useResource('audit', () => listAudit({ limit: pageSize }));
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change to people, teams, tokens and settings, with who made it. Newest first."
      />
      <ResourceView resource={first} label="the audit log">
        {(entries) => <AuditPages firstPage={entries} />}
      </ResourceView>
    </>
  );
}

function AuditPages({ firstPage }: { firstPage: AuditEntry[] }) {
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(firstPage.length === pageSize);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const entries = [...firstPage, ...older];

  const loadOlder = async () => {
    setBusy(true);
    setError(null);
    try {
      const page = await listAudit({ limit: pageSize, before: entries[entries.length - 1]?.id });
      setOlder((current) => [...current, ...page]);
      setHasMore(page.length === pageSize);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  if (entries.length === 0) return <p className="empty">Nothing has been changed yet.</p>;
  return (
    <>
      <AuditTable entries={entries} />
      {error && <ProblemMessage error={error} />}
      {hasMore && (
        <div className="more">
          <button type="button" className="button button--secondary" onClick={loadOlder} disabled={busy}>
            {busy ? 'Loading…' : 'Load older entries'}
          </button>
        </div>
      )}
    </>
  );
}

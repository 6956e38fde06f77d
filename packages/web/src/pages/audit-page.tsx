// The audit log: who changed what and when, newest first, paging back through older entries; filters
// (who, action, subject, time range) are kept in the link and sent to the API.
import { useState } from 'react';
import type { ApiError } from '../api/http.ts';
import { type AuditEntry, listAudit } from '../api/identity.ts';
import { asApiError, useResource } from '../api/use-resource.ts';
import { AuditFilterForm } from '../components/audit-filter-form.tsx';
import {
  type AuditFilters,
  filtersFromSearch,
  hasFilters,
  searchOfFilters,
} from '../components/audit-filters.ts';
import { AuditTable } from '../components/audit-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { navigate, useSearch } from '../router.tsx';

const pageSize = 100;

export function AuditPage() {
  const search = useSearch();
  const filters = filtersFromSearch(search);
  const query = searchOfFilters(filters);
  const first = useResource(`audit${query}`, () => listAudit({ ...filters, limit: pageSize }));
  const apply = (next: AuditFilters) =>
    navigate(`/admin/audit${searchOfFilters(next)}`, { keepScroll: true });
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every change to people, teams, tokens and settings, with who made it. Newest first."
      />
      <AuditFilterForm key={query} filters={filters} onApply={apply} />
      <ResourceView resource={first} label="the audit log">
        {(entries) => <AuditPages key={query} firstPage={entries} filters={filters} />}
      </ResourceView>
    </>
  );
}

function AuditPages({ firstPage, filters }: { firstPage: AuditEntry[]; filters: AuditFilters }) {
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(firstPage.length === pageSize);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const entries = [...firstPage, ...older];

  const loadOlder = async () => {
    setBusy(true);
    setError(null);
    try {
      const before = entries[entries.length - 1]?.id;
      const page = await listAudit({ ...filters, limit: pageSize, before });
      setOlder((current) => [...current, ...page]);
      setHasMore(page.length === pageSize);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  if (entries.length === 0) {
    if (hasFilters(filters)) return <p className="empty">No entry matches these filters.</p>;
    return <p className="empty">Nothing has been changed yet.</p>;
  }
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

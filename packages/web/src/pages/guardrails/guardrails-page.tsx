// The findings of every repository's latest uploaded scan: counted by team and by service (each row
// narrows the list to it), then listed, most severe first, with where each is and who owns it. The
// filters live in the link, so a team's view can be shared.
import { useState } from 'react';
import {
  listFindings,
  listScans,
  type ScanFindingView,
  type ScanView,
  summariseFindings,
} from '../../api/guardrails.ts';
import type { ApiError } from '../../api/http.ts';
import { asApiError, useResource } from '../../api/use-resource.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { GuardrailsFilterForm } from '../../components/guardrails/guardrails-filter-form.tsx';
import {
  type GuardrailsFilterValues,
  guardrailsFiltersFromSearch,
  searchOfGuardrailsFilters,
} from '../../components/guardrails/guardrails-filters.ts';
import { GuardrailsTabs } from '../../components/guardrails/guardrails-tabs.tsx';
import { SeverityBadge } from '../../components/guardrails/severity.tsx';
import { SummaryTable } from '../../components/guardrails/summary-table.tsx';
import { RefLink } from '../../components/oncall/ref-links.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatAgo, formatDateTime } from '../../components/time-format.ts';
import { usePageTitle } from '../../page-title.ts';
import { navigate, useSearch } from '../../router.tsx';

export function GuardrailsPage() {
  const search = useSearch();
  const filters = guardrailsFiltersFromSearch(search);
  const query = searchOfGuardrailsFilters(filters);
  const { severity: _severity, ...where } = filters;
  const byTeam = useResource(`guardrails:team${query}`, () => summariseFindings('team', where));
  const byService = useResource(`guardrails:service${query}`, () => summariseFindings('service', where));
  usePageTitle(['Guardrails']);
  const apply = (next: GuardrailsFilterValues) =>
    navigate(`/guardrails${searchOfGuardrailsFilters(next)}`, { keepScroll: true });
  const narrowed = (change: Partial<GuardrailsFilterValues>) =>
    `/guardrails${searchOfGuardrailsFilters({ ...filters, ...change })}`;
  return (
    <>
      <PageHeader
        title="Guardrails"
        subtitle="What the latest scan of each repository found (steward scan --upload), by team and by service."
      />
      <GuardrailsTabs current="/guardrails" search={query} />
      <GuardrailsFilterForm key={query} title="Filter findings" filters={filters} onApply={apply} />
      <section aria-labelledby="by-team-title">
        <h2 id="by-team-title">Open findings by team</h2>
        <ResourceView resource={byTeam} label="the findings by team">
          {(rows) =>
            rows.length === 0 ? (
              <p className="empty card">No findings.</p>
            ) : (
              <SummaryTable
                by="team"
                rows={rows}
                label="Open findings by team"
                hrefOf={(team) => narrowed({ team })}
              />
            )
          }
        </ResourceView>
      </section>
      <section aria-labelledby="by-service-title">
        <h2 id="by-service-title">Open findings by service</h2>
        <ResourceView resource={byService} label="the findings by service">
          {(rows) =>
            rows.length === 0 ? (
              <p className="empty card">No findings.</p>
            ) : (
              <SummaryTable
                by="service"
                rows={rows}
                label="Open findings by service"
                hrefOf={(service) => narrowed({ service })}
              />
            )
          }
        </ResourceView>
      </section>
      <FindingsList key={query} filters={filters} />
      <Scans />
    </>
  );
}

/** The findings, a page at a time (most severe first), with a button for the next. */
function FindingsList({ filters }: { filters: GuardrailsFilterValues }) {
  const [pages, setPages] = useState<{ items: ScanFindingView[]; next: string | null }[]>([]);
  const first = useResource(`guardrails:findings${searchOfGuardrailsFilters(filters)}`, () =>
    listFindings(filters),
  );
  const [more, setMore] = useState<{ loading: boolean; error?: ApiError }>({ loading: false });
  if (first.state !== 'ready') {
    return (
      <ResourceView resource={first} label="the findings">
        {() => null}
      </ResourceView>
    );
  }
  const items = [...first.data.items, ...pages.flatMap((p) => p.items)];
  const next = pages.length > 0 ? (pages.at(-1)?.next ?? null) : first.data.next;
  const loadMore = async () => {
    if (!next) return;
    setMore({ loading: true });
    try {
      const page = await listFindings(filters, next);
      setPages((done) => [...done, page]);
      setMore({ loading: false });
    } catch (error) {
      setMore({ loading: false, error: asApiError(error) });
    }
  };
  return (
    <section aria-labelledby="findings-title">
      <h2 id="findings-title">
        Open findings{' '}
        <span className="count">
          {items.length}
          {next ? '+' : ''}
        </span>
      </h2>
      {items.length === 0 ? (
        <p className="empty card">No open finding matches these filters.</p>
      ) : (
        <FindingsTable findings={items} />
      )}
      {more.error && <ProblemMessage error={more.error} onRetry={loadMore} />}
      {next && (
        <button type="button" className="button" onClick={loadMore} disabled={more.loading}>
          {more.loading ? 'Loading…' : 'Show more findings'}
        </button>
      )}
    </section>
  );
}

const findingColumns: Column<ScanFindingView>[] = [
  {
    id: 'severity',
    header: 'Severity',
    cell: (f) => <SeverityBadge severity={f.severity} />,
  },
  { id: 'rule', header: 'Rule', cell: (f) => <code>{f.ruleId}</code>, sortValue: (f) => f.ruleId },
  {
    id: 'where',
    header: 'Where',
    cell: (f) => (
      <>
        {f.resource && <div>{f.resource}</div>}
        <span className="muted">
          {f.target}: {f.file}:{f.line}
        </span>
      </>
    ),
    sortValue: (f) => `${f.target} ${f.file} ${String(f.line).padStart(6, '0')}`,
  },
  { id: 'message', header: 'What is wrong', cell: (f) => f.message },
  { id: 'team', header: 'Team', cell: (f) => <RefLink entityRef={f.team} />, sortValue: (f) => f.team ?? '' },
  {
    id: 'service',
    header: 'Service',
    cell: (f) => <RefLink entityRef={f.service} />,
    sortValue: (f) => f.service ?? '',
  },
];

function FindingsTable({ findings }: { findings: ScanFindingView[] }) {
  return (
    <DataTable
      label="Open findings"
      columns={findingColumns}
      rows={findings}
      rowKey={(f) => `${f.target}\u0000${f.fingerprint}\u0000${f.file}:${f.line}:${f.column}`}
    />
  );
}

function Scans() {
  const scans = useResource('guardrails:scans', listScans);
  const columns: Column<ScanView>[] = [
    { id: 'target', header: 'Repository', cell: (s) => s.target, sortValue: (s) => s.target },
    {
      id: 'uploaded',
      header: 'Scanned',
      cell: (s) => (
        <time dateTime={s.uploadedAt} title={formatDateTime(s.uploadedAt)}>
          {formatAgo(s.uploadedAt)}
        </time>
      ),
      sortValue: (s) => s.uploadedAt,
    },
    { id: 'by', header: 'Uploaded by', cell: (s) => s.uploadedBy },
    { id: 'findings', header: 'Findings', cell: (s) => s.findings, className: 'numeric' },
    { id: 'exempted', header: 'Exempted', cell: (s) => s.exempted, className: 'numeric' },
  ];
  return (
    <section aria-labelledby="scans-title">
      <h2 id="scans-title">Latest scans</h2>
      <ResourceView resource={scans} label="the scans">
        {(rows) =>
          rows.length === 0 ? (
            <p className="empty card">
              No scan uploaded yet: run steward scan PATH --upload --server URL in a repository's CI.
            </p>
          ) : (
            <DataTable label="Latest scans" columns={columns} rows={rows} rowKey={(s) => s.target} />
          )
        }
      </ResourceView>
    </section>
  );
}

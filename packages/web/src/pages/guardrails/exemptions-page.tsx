// Every exemption the latest scans used or found expired: the rule, why, who approved it, until when
// (expired and expiring within 30 days marked), and where it is written. The soonest to expire first.
import { listExemptions, type ScanExemptionView } from '../../api/guardrails.ts';
import { useResource } from '../../api/use-resource.ts';
import { Badge } from '../../components/badge.tsx';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { GuardrailsFilterForm } from '../../components/guardrails/guardrails-filter-form.tsx';
import {
  type GuardrailsFilterValues,
  guardrailsFiltersFromSearch,
  searchOfGuardrailsFilters,
} from '../../components/guardrails/guardrails-filters.ts';
import { GuardrailsTabs } from '../../components/guardrails/guardrails-tabs.tsx';
import { RefLink } from '../../components/oncall/ref-links.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { usePageTitle } from '../../page-title.ts';
import { navigate, useSearch } from '../../router.tsx';

/** An exemption expiring within this many days is marked as expiring soon. */
export const soonDays = 30;

export function ExemptionsPage() {
  const search = useSearch();
  const filters = { ...guardrailsFiltersFromSearch(search), severity: '' };
  const query = searchOfGuardrailsFilters(filters);
  const { severity: _severity, ...where } = filters;
  const exemptions = useResource(`guardrails:exemptions${query}`, () => listExemptions(where));
  usePageTitle(['Exemptions', 'Guardrails']);
  const apply = (next: GuardrailsFilterValues) =>
    navigate(`/guardrails/exemptions${searchOfGuardrailsFilters({ ...next, severity: '' })}`, {
      keepScroll: true,
    });
  return (
    <>
      <PageHeader
        title="Exemptions"
        subtitle="Findings let through on purpose: why, who agreed, and until when. The soonest to expire first."
        crumbs={[{ href: '/guardrails', label: 'Guardrails' }]}
      />
      <GuardrailsTabs current="/guardrails/exemptions" search={query} />
      <GuardrailsFilterForm
        key={query}
        title="Filter exemptions"
        filters={filters}
        onApply={apply}
        withSeverity={false}
      />
      <ResourceView resource={exemptions} label="the exemptions">
        {(rows) =>
          rows.length === 0 ? (
            <p className="empty card">
              {query ? 'No exemption matches these filters.' : 'No exemptions in use.'}
            </p>
          ) : (
            <DataTable
              label="Exemptions"
              columns={columns}
              rows={rows}
              rowKey={(e) => `${e.target}\u0000${e.file}:${e.line}\u0000${e.written}`}
              rowClassName={(e) =>
                e.expired ? 'table__row--expired' : expiringSoon(e) ? 'table__row--expiring' : undefined
              }
            />
          )
        }
      </ResourceView>
    </>
  );
}

function expiringSoon(e: ScanExemptionView): boolean {
  return e.daysLeft !== null && e.daysLeft >= 0 && e.daysLeft <= soonDays;
}

function Expiry({ exemption: e }: { exemption: ScanExemptionView }) {
  if (e.expires === null) return <Badge tone="warning">no expiry</Badge>;
  if (e.expired) {
    return (
      <>
        <Badge tone="danger">expired</Badge> <time dateTime={e.expires}>{e.expires}</time>
      </>
    );
  }
  if (expiringSoon(e)) {
    const left = e.daysLeft === 0 ? 'last day' : `${e.daysLeft} days left`;
    return (
      <>
        <Badge tone="warning">{left}</Badge> <time dateTime={e.expires}>{e.expires}</time>
      </>
    );
  }
  return <time dateTime={e.expires}>{e.expires}</time>;
}

const columns: Column<ScanExemptionView>[] = [
  {
    id: 'rule',
    header: 'Rule',
    cell: (e) => (
      <>
        <code>{e.written}</code>
        {e.rules.join(',') !== e.written && <div className="muted">{e.rules.join(', ')}</div>}
      </>
    ),
    sortValue: (e) => e.written,
  },
  {
    id: 'expires',
    header: 'Expires',
    cell: (e) => <Expiry exemption={e} />,
    sortValue: (e) => e.expires ?? '9999-12-31',
  },
  { id: 'reason', header: 'Reason', cell: (e) => e.reason ?? <span className="muted">none given</span> },
  {
    id: 'approver',
    header: 'Approved by',
    cell: (e) => e.approver ?? <span className="muted">nobody named</span>,
  },
  {
    id: 'where',
    header: 'Where',
    cell: (e) => (
      <>
        {e.resource && <div>{e.resource}</div>}
        <span className="muted">
          {e.target}: {e.file}:{e.line}
          {e.syntax ? ` (${e.syntax})` : ''}
        </span>
      </>
    ),
    sortValue: (e) => `${e.target} ${e.file} ${String(e.line).padStart(6, '0')}`,
  },
  { id: 'team', header: 'Team', cell: (e) => <RefLink entityRef={e.team} />, sortValue: (e) => e.team ?? '' },
  {
    id: 'service',
    header: 'Service',
    cell: (e) => <RefLink entityRef={e.service} />,
    sortValue: (e) => e.service ?? '',
  },
  { id: 'findings', header: 'Findings', cell: (e) => e.findings, className: 'numeric' },
];

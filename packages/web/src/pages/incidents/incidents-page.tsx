// Incidents: every open one first, then the most recent, filtered by state, severity, team and service
// (kept in the link), and live: a declaration or change on the `incidents` topic loads the list again.
import { type IncidentView, listIncidents, listSeverities } from '../../api/incidents.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnTopic } from '../../components/alerts/use-live-reload.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { SeverityBadge, StateBadge } from '../../components/incidents/incident-badges.tsx';
import { IncidentFilterForm } from '../../components/incidents/incident-filter-form.tsx';
import {
  type IncidentFilterValues,
  incidentFiltersFromSearch,
  searchOfIncidentFilters,
} from '../../components/incidents/incident-filters.ts';
import { RefList } from '../../components/incidents/ref-list.tsx';
import { RefLink } from '../../components/oncall/ref-links.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatAgo, formatDateTime } from '../../components/time-format.ts';
import { usePageTitle } from '../../page-title.ts';
import { Link, navigate, useSearch } from '../../router.tsx';

export function IncidentsPage() {
  const search = useSearch();
  const filters = incidentFiltersFromSearch(search);
  const query = searchOfIncidentFilters(filters);
  const incidents = useResource(`incidents${query}`, () => listIncidents(filters));
  const severities = useResource('severities', listSeverities);
  useReloadOnTopic('incidents', incidents.reload);
  usePageTitle(['Incidents']);
  const apply = (next: IncidentFilterValues) =>
    navigate(`/incidents${searchOfIncidentFilters(next)}`, { keepScroll: true });
  const actions = (
    <>
      <Link className="button button--primary" href="/incidents/new">
        Declare incident
      </Link>
      <Link className="button button--secondary" href="/incidents/metrics">
        Response metrics
      </Link>
    </>
  );
  return (
    <>
      <PageHeader
        title="Incidents"
        subtitle="Open incidents first, then the most recent. Live."
        actions={actions}
      />
      <IncidentFilterForm
        key={`${query}-${severities.state}`}
        filters={filters}
        severities={severities.data ?? []}
        onApply={apply}
      />
      <ResourceView resource={incidents} label="the incidents">
        {(list) =>
          list.length === 0 ? (
            <p className="empty card">{query ? 'No incident matches these filters.' : 'No incidents yet.'}</p>
          ) : (
            <IncidentsTable incidents={list} />
          )
        }
      </ResourceView>
    </>
  );
}

function IncidentsTable({ incidents }: { incidents: IncidentView[] }) {
  const columns: Column<IncidentView>[] = [
    {
      id: 'title',
      header: 'Incident',
      cell: (row) => <Link href={`/incidents/${encodeURIComponent(row.id)}`}>{row.title}</Link>,
      sortValue: (row) => row.title,
    },
    {
      id: 'state',
      header: 'State',
      cell: (row) => <StateBadge state={row.state} />,
      sortValue: (row) => row.state,
    },
    {
      id: 'severity',
      header: 'Severity',
      cell: (row) => <SeverityBadge severity={row.severity} />,
      sortValue: (row) => row.severity,
    },
    { id: 'services', header: 'Services', cell: (row) => <RefList refs={row.services} /> },
    { id: 'teams', header: 'Teams', cell: (row) => <RefList refs={row.teams} /> },
    {
      id: 'commander',
      header: 'Commander',
      cell: (row) => <RefLink entityRef={row.roles.commander ?? null} />,
    },
    {
      id: 'declared',
      header: 'Declared',
      cell: (row) => (
        <time dateTime={row.createdAt} title={formatDateTime(row.createdAt)}>
          {formatAgo(row.createdAt)}
        </time>
      ),
      sortValue: (row) => row.createdAt,
    },
  ];
  return <DataTable label="Incidents" columns={columns} rows={incidents} rowKey={(row) => row.id} />;
}

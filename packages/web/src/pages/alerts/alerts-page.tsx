// Alerts, newest first, filtered by status, service and team (kept in the link), and live: a new
// alert or a change of state on the `alerts` topic loads the list again.
import { type AlertView, listAlerts } from '../../api/alerts.ts';
import { useResource } from '../../api/use-resource.ts';
import { AlertFilterForm } from '../../components/alerts/alert-filter-form.tsx';
import {
  type AlertFilterValues,
  alertFiltersFromSearch,
  searchOfAlertFilters,
} from '../../components/alerts/alert-filters.ts';
import { AlertStatusBadge } from '../../components/alerts/alert-status.tsx';
import { useReloadOnTopic } from '../../components/alerts/use-live-reload.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { RefLink } from '../../components/oncall/ref-links.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatAgo, formatDateTime } from '../../components/time-format.ts';
import { usePageTitle } from '../../page-title.ts';
import { Link, navigate, useSearch } from '../../router.tsx';

export function AlertsPage() {
  const search = useSearch();
  const filters = alertFiltersFromSearch(search);
  const query = searchOfAlertFilters(filters);
  const alerts = useResource(`alerts${query}`, () => listAlerts(filters));
  useReloadOnTopic('alerts', alerts.reload);
  usePageTitle(['Alerts']);
  const apply = (next: AlertFilterValues) =>
    navigate(`/alerts${searchOfAlertFilters(next)}`, { keepScroll: true });
  return (
    <>
      <PageHeader
        title="Alerts"
        subtitle="What is firing, who it went to, and who has it. Newest first, live."
      />
      <AlertFilterForm key={query} filters={filters} onApply={apply} />
      <ResourceView resource={alerts} label="the alerts">
        {(list) =>
          list.length === 0 ? (
            <p className="empty card">{query ? 'No alert matches these filters.' : 'No alerts yet.'}</p>
          ) : (
            <AlertsTable alerts={list} />
          )
        }
      </ResourceView>
    </>
  );
}

function AlertsTable({ alerts }: { alerts: AlertView[] }) {
  const columns: Column<AlertView>[] = [
    {
      id: 'summary',
      header: 'Alert',
      cell: (row) => <Link href={`/alerts/${encodeURIComponent(row.id)}`}>{row.summary || row.id}</Link>,
      sortValue: (row) => row.summary,
    },
    {
      id: 'status',
      header: 'Status',
      cell: (row) => <AlertStatusBadge status={row.status} />,
      sortValue: (row) => row.status,
    },
    { id: 'service', header: 'Service', cell: (row) => <RefLink entityRef={row.service} /> },
    { id: 'team', header: 'Team', cell: (row) => <RefLink entityRef={row.team} /> },
    { id: 'assignee', header: 'Assignee', cell: (row) => <RefLink entityRef={row.assignee} /> },
    {
      id: 'created',
      header: 'Opened',
      cell: (row) => (
        <time dateTime={row.createdAt} title={formatDateTime(row.createdAt)}>
          {formatAgo(row.createdAt)}
        </time>
      ),
      sortValue: (row) => row.createdAt,
    },
  ];
  return <DataTable label="Alerts" columns={columns} rows={alerts} rowKey={(row) => row.id} />;
}

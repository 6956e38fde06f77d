// The notifications sent about an alert: to whom, by which method, at which step, and how it went.
import { type DeliveryView, listDeliveries } from '../../api/alerts.ts';
import { useResource } from '../../api/use-resource.ts';
import { type Column, DataTable } from '../data-table.tsx';
import { RefLink } from '../oncall/ref-links.tsx';
import { formatDateTime } from '../time-format.ts';
import { useReloadOnTopic } from './use-live-reload.ts';

export function DeliveryLog({ alertId }: { alertId: string }) {
  const deliveries = useResource(`deliveries:${alertId}`, () => listDeliveries(alertId));
  useReloadOnTopic(`alert:${alertId}`, deliveries.reload, 30_000);
  const columns: Column<DeliveryView>[] = [
    { id: 'person', header: 'To', cell: (row) => <RefLink entityRef={row.person} /> },
    { id: 'level', header: 'Step', cell: (row) => row.level, className: 'numeric' },
    { id: 'method', header: 'Method', cell: (row) => `${row.method.type}: ${row.method.address}` },
    {
      id: 'state',
      header: 'State',
      cell: (row) => (row.lastError ? `${row.state} (${row.lastError})` : row.state),
    },
    { id: 'attempts', header: 'Tries', cell: (row) => row.attempts, className: 'numeric' },
    { id: 'at', header: 'When', cell: (row) => formatDateTime(row.at) },
  ];
  return (
    <>
      <h2 className="section-title">Notifications</h2>
      {deliveries.state === 'ready' && deliveries.data.length > 0 ? (
        <DataTable label="Notifications" columns={columns} rows={deliveries.data} rowKey={(row) => row.id} />
      ) : (
        // A reader may not see deliveries (or there are none yet): the alert stands without them.
        <p className="empty card">
          {deliveries.state === 'loading'
            ? 'Loading notifications…'
            : 'No notification has been sent about it.'}
        </p>
      )}
    </>
  );
}

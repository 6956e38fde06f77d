// The peer: Prometheus Alertmanager's own POST /api/v2/alerts, with a route that groups by alertname
// and service into a receiver that sends nowhere (the figure is ingestion, as Steward's is), and
// group_wait long enough that no notification work runs during the measurement.
import { startAlertmanager } from '../../packages/steward/src/server/alertmanager/start-alertmanager.ts';
import type { IngestTarget } from './stream.ts';

export async function startAlertmanagerTarget(): Promise<IngestTarget & { version: string }> {
  const am = await startAlertmanager({
    config: {
      route: {
        receiver: 'none',
        group_by: ['alertname', 'service'],
        group_wait: '10m',
        group_interval: '10m',
      },
      receivers: [{ name: 'none' }],
    },
  });
  const status = await (await fetch(`${am.url}/api/v2/status`)).json();
  return {
    name: 'Alertmanager',
    version: status.versionInfo.version as string,
    url: `${am.url}/api/v2/alerts`,
    headers: {},
    stop: am.stop,
  };
}

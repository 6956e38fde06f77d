// The demo pages someone: an Alertmanager integration, an email contact method for each Acme person,
// and one sample alert fired through the real webhook endpoint when the integration is first made, so a
// first start shows a live alert list, an alert page with its route and delivery log, and the board.
// Idempotent across restarts: the integration is found by name, methods are added only when missing,
// and the sample alert is fired only by the start that created the integration.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertsApi } from '../modules/alerts/index.ts';
import type { Org } from '../modules/identity/index.ts';
import type { NotificationsService } from '../modules/notifications/index.ts';
import { StewardError } from '../platform/errors.ts';
import type { Logger } from '../platform/logging.ts';
import type { App } from './app.ts';

export const demoIntegrationName = 'acme-alertmanager';
/** Where the integration's URL (with its key, shown only once by Steward) is kept for later starts. */
export const demoIntegrationFile = 'demo-alertmanager.url';

export interface DemoPagingNeeds {
  app: Pick<App, 'inject'>;
  alerts: Pick<AlertsApi, 'integrationNamed' | 'createIntegration'>;
  notifications: Pick<NotificationsService, 'ensureContactMethod'>;
  org: Org;
  dataDir: string;
  publicUrl: string;
  logger: Logger;
}

export interface DemoPaging {
  /** The webhook URL with its key; null when another data dir created the integration. */
  url: string | null;
  methodsAdded: number;
  /** The sample alert was fired by this start. */
  fired: boolean;
}

export async function seedDemoPaging(needs: DemoPagingNeeds): Promise<DemoPaging> {
  let methodsAdded = 0;
  for (const person of needs.org.users) {
    if (!person.email) continue;
    const { added } = await needs.notifications.ensureContactMethod(person.handle, {
      type: 'email',
      address: person.email,
    });
    if (added) methodsAdded++;
  }
  const file = join(needs.dataDir, demoIntegrationFile);
  let url: string | null = null;
  let fired = false;
  const key = (await needs.alerts.integrationNamed(demoIntegrationName)) ? null : await createOnce(needs);
  if (key) {
    const path = `/api/v1/integrations/alertmanager/${key}`;
    url = `${needs.publicUrl.replace(/\/$/, '')}${path}`;
    writeFileSync(file, `${url}\n`, { mode: 0o600 });
    fired = await fireSample(needs, path);
  } else if (existsSync(file)) {
    url = readFileSync(file, 'utf8').trim();
  }
  logDemoPaging(needs, { url, methodsAdded, fired });
  return { url, methodsAdded, fired };
}

/** The new integration's key; null when another server, starting with this one, made it first. */
async function createOnce(needs: DemoPagingNeeds): Promise<string | null> {
  try {
    const made = await needs.alerts.createIntegration(
      { type: 'alertmanager', name: demoIntegrationName },
      'system:demo',
    );
    return made.key;
  } catch (error) {
    if (error instanceof StewardError && error.kind === 'conflict') return null;
    throw error;
  }
}

/** An Alertmanager webhook (v4) notification of one firing alert, as Alertmanager sends it. */
export function sampleWebhook(labels: Record<string, string>, summary: string, startsAt?: string) {
  return {
    version: '4',
    groupKey: `{}:{alertname="${labels.alertname}"}`,
    status: 'firing',
    receiver: 'steward',
    groupLabels: { alertname: labels.alertname },
    commonLabels: labels,
    commonAnnotations: { summary },
    externalURL: 'http://alertmanager.acme.example',
    alerts: [{ status: 'firing', labels, annotations: { summary }, ...(startsAt ? { startsAt } : {}) }],
  };
}

const firstSample = () =>
  sampleWebhook(
    { alertname: 'CheckoutHighErrorRate', service: 'checkout-api', severity: 'critical' },
    'checkout-api: 7% of payments fail with 5xx (demo alert)',
    new Date().toISOString(),
  );
/** What the logged curl sends: firing from when Steward receives it. */
export const curlSample = sampleWebhook(
  { alertname: 'SearchLatencyHigh', service: 'search-api', severity: 'critical' },
  'search-api: p99 latency above 2 s (demo alert)',
);

async function fireSample(needs: DemoPagingNeeds, path: string): Promise<boolean> {
  const response = await needs.app.inject({ method: 'POST', url: path, payload: firstSample() });
  if (response.statusCode >= 300) {
    needs.logger.warn(
      { status: response.statusCode, body: response.body },
      'demo: the sample alert was not accepted; the portal starts with no alert',
    );
    return false;
  }
  return true;
}

function logDemoPaging(needs: DemoPagingNeeds, done: DemoPaging) {
  const { logger, publicUrl } = needs;
  if (!done.url) {
    logger.warn(
      `demo: the integration ${demoIntegrationName} was made by a server with another data dir, which keeps its URL in ${demoIntegrationFile}; create one of your own with POST /api/v1/integrations`,
    );
    return;
  }
  const curl = `curl -H 'Content-Type: application/json' -d '${JSON.stringify(curlSample)}' ${done.url}`;
  logger.info(
    { integration: demoIntegrationName, url: done.url, methodsAdded: done.methodsAdded, fired: done.fired },
    [
      `demo: Acme's Alertmanager sends to ${done.url} (kept in ${join(needs.dataDir, demoIntegrationFile)})`,
      done.fired ? `demo: a sample alert for checkout-api is firing: ${publicUrl}/alerts` : '',
      `demo: fire another alert with: ${curl}`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

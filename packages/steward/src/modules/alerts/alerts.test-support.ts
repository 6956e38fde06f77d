// For alert tests: a small catalog (checkout owned by payments, ledger by search), integrations, and
// the recorded Alertmanager 0.25 payloads (copied from the shared fixtures, byte for byte).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const fixturesDir = join(import.meta.dirname, 'ingest', 'fixtures', 'alertmanager-0.25');

export interface Recorded {
  file: string;
  kind: 'webhook' | 'pagerduty';
  /** templated or default, for PagerDuty events. */
  receiver: 'templated' | 'default' | null;
  // biome-ignore lint/suspicious/noExplicitAny: the payloads are read as they were recorded.
  body: any;
}

/** Every recorded payload, in the order Alertmanager sent them. */
export function recordedPayloads(): Recorded[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      kind: file.includes('-webhook-') ? 'webhook' : 'pagerduty',
      receiver: file.includes('-templated-') ? 'templated' : file.includes('-default-') ? 'default' : null,
      body: JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')),
    }));
}

const doc = (kind: string, name: string, spec: string) =>
  `---\napiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

const catalog = [
  doc('Component', 'checkout', '  type: service\n  lifecycle: production\n  owner: group:payments\n'),
  doc('Component', 'ledger', '  type: service\n  lifecycle: production\n  owner: group:search\n'),
].join('');

/** What of the test harness (server/test-steward.ts) these helpers use. */
export interface Caller {
  call(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: as the harness answers it.
  ): Promise<{ statusCode: number; body: string; json(): any }>;
  // biome-ignore lint/suspicious/noExplicitAny: as the harness answers it.
  jobOf(response: any, token?: string): Promise<{ result: any }>;
}

/** Uploads checkout (payments) and ledger (search) as the admin. */
export async function uploadServices(steward: Caller, adminToken: string): Promise<void> {
  const upload = await steward.call('POST', '/api/v1/catalog/sources', {
    token: adminToken,
    body: { kind: 'upload', name: 'services', files: [{ path: 'catalog-info.yaml', content: catalog }] },
  });
  expect((await steward.jobOf(upload, adminToken)).result).toMatchObject({ errorCount: 0 });
}

/** Creates an integration as the admin; answers its id and key. */
export async function createIntegration(steward: Caller, adminToken: string, body: object) {
  const response = await steward.call('POST', '/api/v1/integrations', { token: adminToken, body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; key: string };
}

/** An alert as `GET /api/v1/alerts` lists it (the fields these tests read). */
export interface ListedAlert {
  id: string;
  status: string;
  service: string | null;
  team: string | null;
  summary: string;
  labels: Record<string, string>;
  assignee: string | null;
  urgency: string;
  unowned: boolean;
  source: string;
  integration: string;
  groupKey: string | null;
}

/**
 * Every alert `GET /api/v1/alerts` lists (newest first), every page followed by its cursor. The read
 * waits for what senders were answered for to be applied, so alerts posted before are listed.
 */
export async function listAlerts(steward: Pick<Caller, 'call'>, token: string, query = '') {
  const all: ListedAlert[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '500');
    if (cursor) params.set('cursor', cursor);
    const page = await steward.call('GET', `/api/v1/alerts?${params}`, { token });
    expect(page.statusCode, `GET /api/v1/alerts?${params}: ${page.body}`).toBe(200);
    const { items, next } = page.json() as { items: ListedAlert[]; next: string | null };
    all.push(...items);
    cursor = next;
  } while (cursor);
  return all;
}

/** The listed alerts whose labels include all of `labels`, newest first. */
export async function alertsWithLabels(
  steward: Pick<Caller, 'call'>,
  token: string,
  labels: Record<string, string>,
) {
  const has = (alert: ListedAlert) => Object.entries(labels).every(([k, v]) => alert.labels[k] === v);
  return (await listAlerts(steward, token)).filter(has);
}

/** The one listed alert whose labels include `labels`; fails naming them when there is none or several. */
export async function alertWithLabels(
  steward: Pick<Caller, 'call'>,
  token: string,
  labels: Record<string, string>,
) {
  const found = await alertsWithLabels(steward, token, labels);
  expect(found, `GET /api/v1/alerts: one alert with labels ${JSON.stringify(labels)}`).toHaveLength(1);
  return found[0] as ListedAlert;
}

/**
 * The listed alerts with this dedupKey (the fingerprint, or PagerDuty's dedup_key), newest first: the
 * list does not show it, so each listed alert's detail is read.
 */
export async function alertsWithDedupKey(steward: Pick<Caller, 'call'>, token: string, dedupKey: string) {
  const found: ListedAlert[] = [];
  for (const alert of await listAlerts(steward, token)) {
    const detail = await steward.call('GET', `/api/v1/alerts/${encodeURIComponent(alert.id)}`, { token });
    expect(detail.statusCode, detail.body).toBe(200);
    if (detail.json().dedupKey === dedupKey) found.push(alert);
  }
  return found;
}

/**
 * An ingestion answer as the Alertmanager endpoints give it: 200, `status: success`, and each alert
 * sent as accepted, in the order sent, by dedupKey and action (and nothing else: alerts are applied
 * after the answer, so it names no alert id or status).
 */
export function expectAccepted(
  response: { statusCode: number; body: string; json(): unknown },
  alerts: readonly (readonly [dedupKey: string, action: 'trigger' | 'acknowledge' | 'resolve'])[],
): void {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json()).toStrictEqual({
    status: 'success',
    alerts: alerts.map(([dedupKey, action]) => ({ dedupKey, action })),
  });
}

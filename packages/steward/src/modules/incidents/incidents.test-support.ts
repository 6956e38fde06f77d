// For incident tests: an on-call organisation (mia on call for payments, which owns checkout), webhook
// contact methods on a real receiver, an Alertmanager integration, and small waits.
import { expect } from 'vitest';

/** What of the test harness (server/test-steward.ts) these helpers use. */
export interface Steward {
  call(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown },
    // biome-ignore lint/suspicious/noExplicitAny: as the harness answers it.
  ): Promise<{ statusCode: number; body: string; json(): any }>;
  assembled: { events: { caughtUp(): Promise<void> } };
}

const entity = (apiVersion: string, kind: string, name: string, spec: object) => ({
  apiVersion,
  kind,
  metadata: { name },
  spec,
});

export const oncallEntities = [
  entity('steward.dev/v1', 'Schedule', 'payments-primary', {
    owner: 'group:payments',
    timeZone: 'UTC',
    layers: [{ name: 'weekly', start: '2026-01-05T09:00', rotation: 'P1W', members: ['mia'] }],
  }),
  entity('steward.dev/v1', 'EscalationPolicy', 'payments', {
    owner: 'group:payments',
    repeat: 0,
    steps: [{ notify: ['schedule:payments-primary'], escalateAfter: 'PT1H' }],
  }),
  entity('backstage.io/v1alpha1', 'Component', 'checkout', {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
  }),
  entity('backstage.io/v1alpha1', 'Component', 'ledger', {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:search',
  }),
];

export async function seedIncidentOrg(steward: Steward, admin: string, receiver: { url: string }) {
  for (const body of oncallEntities) {
    const created = await steward.call('POST', '/api/v1/entities', { token: admin, body });
    expect(created.statusCode, created.body).toBe(201);
  }
  await steward.assembled.events.caughtUp();
  for (const handle of ['mia', 'noah', 'otto']) {
    const added = await steward.call('POST', `/api/v1/users/${handle}/contact-methods`, {
      token: admin,
      body: { type: 'webhook', address: `${receiver.url}/hooks/${handle}` },
    });
    expect(added.statusCode, added.body).toBe(201);
  }
  const integration = await steward.call('POST', '/api/v1/integrations', {
    token: admin,
    body: { type: 'alertmanager', name: 'am' },
  });
  expect(integration.statusCode, integration.body).toBe(201);
  return integration.json().key as string;
}

let instance = 0;

/** Fires one alert through Alertmanager's webhook; answers its id, found by its instance label. */
export async function fireAlert(
  steward: Steward,
  key: string,
  token: string,
  labels: Record<string, string>,
) {
  const all: Record<string, string> = { ...labels, instance: `i-${instance++}` };
  const response = await steward.call('POST', `/api/v1/integrations/alertmanager/${key}`, {
    body: {
      version: '4',
      groupKey: `{}:{alertname="${all.alertname}"}`,
      status: 'firing',
      receiver: 'steward',
      groupLabels: { alertname: all.alertname },
      commonLabels: all,
      alerts: [
        { status: 'firing', labels: all, annotations: { summary: `${all.alertname} on ${all.instance}` } },
      ],
    },
  });
  expect(response.statusCode, response.body).toBe(200);
  // Accepted, applied just after the answer (which names no alert id): the list waits for it.
  const found: { id: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = await steward.call('GET', `/api/v1/alerts?limit=500${cursor ? `&cursor=${cursor}` : ''}`, {
      token,
    });
    expect(page.statusCode, page.body).toBe(200);
    const { items, next } = page.json() as {
      items: { id: string; labels: Record<string, string> }[];
      next: string | null;
    };
    found.push(...items.filter((a) => a.labels.instance === all.instance));
    cursor = next;
  } while (cursor);
  expect(found, `one alert listed with instance=${all.instance}`).toHaveLength(1);
  return (found[0] as { id: string }).id;
}

/** Polls until `ok` holds (or 10 s pass) and answers the last value. */
export async function until<T>(
  what: () => Promise<T> | T,
  ok: (value: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  let value = await what();
  while (!ok(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await what();
  }
  return value;
}

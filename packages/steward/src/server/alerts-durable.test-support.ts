// For the tests that kill and multiply `steward serve` under a stream of alerts: an on-call catalog
// (checkout owned by payments; alice on call, bob the second step eight seconds later), a webhook
// receiver that records every delivery with its Idempotency-Key, Alertmanager webhook v4 senders
// that note which posts were accepted, and the count that says whether anyone was notified twice.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpawnedSteward } from './test-serve.ts';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [payments] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { memberOf: [payments] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout }
spec: { type: service, lifecycle: production, owner: group:payments }
---
apiVersion: steward.dev/v1
kind: Schedule
metadata: { name: payments-primary }
spec:
  owner: group:payments
  timeZone: UTC
  layers:
    - { name: always, start: "2026-01-05T00:00", rotation: P1W, members: [alice] }
---
apiVersion: steward.dev/v1
kind: EscalationPolicy
metadata: { name: payments }
spec:
  owner: group:payments
  repeat: 0
  steps:
    - { notify: [schedule:payments-primary], escalateAfter: PT8S }
    - { notify: [user:bob], escalateAfter: PT1H }
`;

/** A directory to pass as `--catalog`. */
export function oncallCatalogDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-durable-catalog-'));
  writeFileSync(join(dir, 'catalog-info.yaml'), catalog);
  return dir;
}

export interface Delivery {
  idempotencyKey: string | null;
  alertId: string;
  person: string;
  level: number;
}

export interface Recorder {
  url: string;
  /** The posts it answered 200. */
  deliveries: Delivery[];
  /** The posts it answered 503. */
  refused: Delivery[];
  /** The first try of every n-th notification gets 503 (0: none); may be changed at any time. */
  failFirstOfEvery: number;
  close(): Promise<void>;
}

/**
 * An HTTP receiver for webhook contact methods: records each POST of an `alert.notify` and answers
 * 200, except the first try of every `failFirstOfEvery`-th one, which gets 503 (a receiver's bad
 * moment), so Steward must try it again.
 */
export async function startRecorder(): Promise<Recorder> {
  const deliveries: Delivery[] = [];
  const refused: Delivery[] = [];
  const keys = new Set<string>();
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(text);
        if (body.type === 'alert.notify') {
          const key = request.headers['idempotency-key'];
          const delivery = {
            idempotencyKey: typeof key === 'string' ? key : null,
            alertId: body.alert.id,
            person: body.person,
            level: body.level,
          };
          const first = delivery.idempotencyKey === null || !keys.has(delivery.idempotencyKey);
          if (delivery.idempotencyKey !== null) keys.add(delivery.idempotencyKey);
          const every = recorder.failFirstOfEvery;
          if (first && every > 0 && keys.size % every === 0) {
            refused.push(delivery);
            response.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
            return;
          }
          deliveries.push(delivery);
        }
      } catch {
        // Not JSON: nothing Steward sends; recorded as nothing.
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const recorder: Recorder = {
    url: '',
    deliveries,
    refused,
    failFirstOfEvery: 0,
    close: () => new Promise((r) => server.close(() => r())),
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  recorder.url = `http://127.0.0.1:${port}`;
  return recorder;
}

async function ok(response: Promise<Response>): Promise<Record<string, unknown>> {
  const answer = await response;
  const text = await answer.text();
  if (answer.status >= 300) throw new Error(`${answer.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/**
 * Gives alice and bob a webhook contact method at the recorder (once the catalog made them people)
 * and creates an Alertmanager integration; answers its key.
 */
export async function prepare(serve: SpawnedSteward, admin: string, recorder: Recorder): Promise<string> {
  for (const handle of ['alice', 'bob']) {
    const deadline = Date.now() + 30_000;
    while ((await serve.call('GET', `/api/v1/users/${handle}`, admin)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`${handle} did not become a person from the catalog`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await ok(
      serve.call('POST', `/api/v1/users/${handle}/contact-methods`, admin, {
        type: 'webhook',
        address: `${recorder.url}/${handle}`,
      }),
    );
  }
  const integration = await ok(
    serve.call('POST', '/api/v1/integrations', admin, { type: 'alertmanager', name: 'prometheus' }),
  );
  return integration.key as string;
}

/** One firing alert for checkout in an Alertmanager 0.25 webhook v4 body; `instance` tells them apart. */
export function webhookBody(instance: string) {
  const labels = { alertname: 'Durable', instance, service: 'checkout', severity: 'critical' };
  return {
    receiver: 'steward',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: `durable ${instance}` },
        startsAt: '2026-11-22T00:00:00Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example.invalid:9090/graph',
        fingerprint: createHash('sha256').update(instance).digest('hex').slice(0, 16),
      },
    ],
    groupLabels: { alertname: 'Durable', instance },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.invalid:9093',
    version: '4',
    groupKey: `{}:{alertname="Durable", instance="${instance}"}`,
    truncatedAlerts: 0,
  };
}

/**
 * Which instances a server accepted (2xx), with the dedupKey its answer named. The answer comes
 * before the alert is applied and names no alert id: `alertIdsByInstance` finds the alerts.
 */
export type Accepted = Map<string, string>;

/**
 * Posts each instance's alert from `senders` concurrent senders, as Alertmanager does: a 5xx is sent
 * again after a moment; a refused connection (the server is gone) gives up on that alert.
 */
export async function stream(
  targetOf: (index: number) => string,
  key: string,
  instances: string[],
  senders: number,
  accepted: Accepted,
  /** A pause after each accepted post, so a stream can still be flowing when paging begins. */
  pauseMs = 0,
): Promise<void> {
  let next = 0;
  const sender = async () => {
    for (let index = next++; index < instances.length; index = next++) {
      const instance = instances[index] as string;
      for (let attempt = 0; attempt < 20; attempt++) {
        const answer = await fetch(`${targetOf(index)}/api/v1/integrations/alertmanager/${key}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(webhookBody(instance)),
        }).then(
          async (r) => ({ status: r.status, body: r.status < 300 ? await r.json() : await r.text() }),
          () => ({ status: 0, body: null }),
        );
        if (answer.status >= 200 && answer.status < 300) {
          const sent = webhookBody(instance).alerts[0]?.fingerprint as string;
          const expected = { status: 'success', alerts: [{ dedupKey: sent, action: 'trigger' }] };
          if (JSON.stringify(answer.body) !== JSON.stringify(expected))
            throw new Error(
              `${instance}: answered ${JSON.stringify(answer.body)}, not ${JSON.stringify(expected)}`,
            );
          accepted.set(instance, sent);
          if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
          break;
        }
        if (answer.status === 0) break;
        if (answer.status < 500) throw new Error(`${instance}: ${answer.status} ${answer.body}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
}

export interface ListedAlert {
  id: string;
  status: string;
  labels: Record<string, string>;
  assignee: string | null;
}

/** Every alert `GET /api/v1/alerts` lists, page after page. */
export async function allAlerts(serve: SpawnedSteward, token: string): Promise<ListedAlert[]> {
  const items: ListedAlert[] = [];
  let cursor: string | null = null;
  do {
    const page = await ok(
      serve.call('GET', `/api/v1/alerts?limit=500${cursor ? `&cursor=${cursor}` : ''}`, token),
    );
    items.push(...(page.items as ListedAlert[]));
    cursor = page.next as string | null;
  } while (cursor);
  return items;
}

/** The listed alerts' ids by their instance label; fails when an instance has several alerts. */
export async function alertIdsByInstance(serve: SpawnedSteward, token: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const alert of await allAlerts(serve, token)) {
    const instance = alert.labels.instance as string;
    if (ids.has(instance))
      throw new Error(`two alerts listed for instance ${instance}: ${ids.get(instance)}, ${alert.id}`);
    ids.set(instance, alert.id);
  }
  return ids;
}

/**
 * Per alert, the notifications people got: `person@level` once for each distinct Idempotency-Key.
 * A delivery tried again carries the key of its first try (PRODUCT.md), so two posts with one key are
 * one notification seen twice by the receiver; two keys for one person and level are a double page.
 */
export function notificationsByAlert(deliveries: Delivery[]): Map<string, string[]> {
  const seen = new Set<string>();
  const byAlert = new Map<string, string[]>();
  for (const d of deliveries) {
    // A post without a key cannot be told from a second notification: it counts as one of its own.
    if (d.idempotencyKey !== null && seen.has(d.idempotencyKey)) continue;
    if (d.idempotencyKey !== null) seen.add(d.idempotencyKey);
    const list = byAlert.get(d.alertId) ?? [];
    list.push(`${d.person}@${d.level}`);
    byAlert.set(d.alertId, list);
  }
  for (const list of byAlert.values()) list.sort();
  return byAlert;
}

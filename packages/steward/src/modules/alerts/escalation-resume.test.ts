// Escalation after its first step, through the composed app: an alert a silence held escalates once
// the silence is expired; an acknowledgement not resolved within the policy's acknowledgeTimeout
// escalates again from step 1; resolving stops escalation.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { type Receiver, startReceiver } from '../notifications/delivery.test-support.ts';
import { seedOncall } from '../oncall/oncall.test-support.ts';
import { alertWithLabels, createIntegration, expectAccepted } from './alerts.test-support.ts';
import { fingerprintOf } from './ingest/incoming.ts';

const entities = [
  {
    apiVersion: 'steward.dev/v1',
    kind: 'Schedule',
    metadata: { name: 'payments-primary' },
    spec: {
      owner: 'group:payments',
      timeZone: 'UTC',
      layers: [{ name: 'weekly', start: '2026-01-05T09:00', rotation: 'P1W', members: ['mia'] }],
    },
  },
  {
    // Step 1 for an hour, then noah: within these tests only step 1 is ever due.
    apiVersion: 'steward.dev/v1',
    kind: 'EscalationPolicy',
    metadata: { name: 'payments' },
    spec: {
      owner: 'group:payments',
      acknowledgeTimeout: 'PT2S',
      steps: [{ notify: ['schedule:payments-primary'], escalateAfter: 'PT1H' }, { notify: ['user:noah'] }],
    },
  },
  {
    apiVersion: 'steward.dev/v1',
    kind: 'EscalationPolicy',
    metadata: { name: 'rota' },
    spec: {
      owner: 'group:search',
      steps: [{ notify: ['user:mia', 'user:noah'], strategy: 'round-robin', escalateAfter: 'PT1H' }],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger', annotations: { 'steward.dev/escalation-policy': 'rota' } },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout' },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachEngine('escalation after the first step', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let receiver: Receiver;
  let key: string;
  let n = 0;

  beforeAll(async () => {
    receiver = await startReceiver();
    steward = await startTestSteward(db(), {
      config: { publicUrl: 'https://steward.example' },
      notificationDelivery: { maxAttempts: 3, initialBackoffMs: 50, timeoutMs: 2000 },
    });
    org = await seedOrg(steward);
    await seedOncall(steward, entities);
    const added = await steward.call('POST', '/api/v1/users/mia/contact-methods', {
      token: org.tokens.admin,
      body: { type: 'webhook', address: `${receiver.url}/hooks/mia` },
    });
    expect(added.statusCode, added.body).toBe(201);
    key = (await createIntegration(steward, org.tokens.admin, { type: 'alertmanager', name: 'am' })).key;
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
    await receiver?.close();
  });

  const fire = async (alertname: string, service = 'checkout') => {
    const labels = { alertname, service, instance: `i-${n++}` };
    const response = await steward.call('POST', '/api/v2/alerts', {
      body: [{ labels }],
      headers: { authorization: `Bearer ${key}` },
    });
    expectAccepted(response, [[fingerprintOf(labels), 'trigger']]);
    // Accepted, not yet applied: the list catches up with it.
    return (await alertWithLabels(steward, org.tokens.viewer, { instance: labels.instance })).id;
  };
  const get = async (id: string) =>
    (await steward.call('GET', `/api/v1/alerts/${id}`, { token: org.tokens.viewer })).json();
  // biome-ignore lint/suspicious/noExplicitAny: the webhook bodies as received.
  const pagesOf = (id: string): any[] =>
    receiver.received.map((r) => r.body).filter((b) => (b as { alert?: { id: string } }).alert?.id === id);
  const until = async <T>(what: () => Promise<T> | T, ok: (value: T) => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    let value = await what();
    while (!ok(value) && Date.now() < end) {
      await sleep(25);
      value = await what();
    }
    return value;
  };

  it('escalates an alert a silence held once the silence is expired', async () => {
    const created = await steward.call('POST', '/api/v1/silences', {
      token: org.tokens.admin,
      body: {
        matchers: ['alertname="Deploy"'],
        comment: 'deploying',
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = await fire('Deploy');
    const held = await until(
      () => get(id),
      (a) => a.escalation !== null,
    );
    expect(held.escalation.state).toBe('suppressed');
    expect(pagesOf(id)).toEqual([]);

    const expired = await steward.call('DELETE', `/api/v1/silences/${created.json().id}`, {
      token: org.tokens.admin,
    });
    expect(expired.statusCode, expired.body).toBeLessThan(300);
    const pages = await until(
      () => pagesOf(id),
      (got) => got.length > 0,
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ person: 'user:default/mia', level: 1 });
    expect((await get(id)).escalation).toMatchObject({ state: 'escalating', level: 2, run: 0 });
  }, 20_000);

  it('escalates again from step 1 when an acknowledgement is not resolved within acknowledgeTimeout', async () => {
    const id = await fire('DiskFull');
    await until(
      () => pagesOf(id),
      (got) => got.length > 0,
    );
    const acked = await steward.call('POST', `/api/v1/alerts/${id}/acknowledge`, {
      token: org.tokens.member,
    });
    expect(acked.statusCode, acked.body).toBe(200);
    const paused = await until(
      () => get(id),
      (a) => a.hops.at(-1)?.text.includes('escalation paused'),
    );
    expect(paused.escalation).toMatchObject({ state: 'escalating', level: 1, run: 1 });
    // Two seconds after the acknowledgement, step 1 again: a second page to mia, of run 1.
    const again = await until(
      () => pagesOf(id),
      (got) => got.length > 1,
    );
    expect(again.map((p) => p.level)).toEqual([1, 1]);
    const alert = await get(id);
    expect(alert.status).toBe('acknowledged');
    expect(alert.hops.some((h: { text: string }) => h.text.includes('but not resolved within 2 s'))).toBe(
      true,
    );
  }, 20_000);

  it('stops escalating when resolved', async () => {
    const id = await fire('CpuHigh');
    await until(
      () => pagesOf(id),
      (got) => got.length > 0,
    );
    const resolved = await steward.call('POST', `/api/v1/alerts/${id}/resolve`, { token: org.tokens.member });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const stopped = await until(
      () => get(id),
      (a) => a.escalation?.state === 'done',
    );
    expect(stopped.hops.at(-1).text).toBe('resolved: escalation stopped, nobody else is notified');
    expect(stopped.escalation.nextAt).toBeNull();
  }, 20_000);

  it('takes turns on a round-robin step: two alerts at once go to two people', async () => {
    const ids = await Promise.all([fire('LedgerLag', 'ledger'), fire('LedgerLag', 'ledger')]);
    const alerts = await Promise.all(
      ids.map((id) =>
        until(
          () => get(id),
          (a) => a.assignee !== null,
        ),
      ),
    );
    expect(alerts.map((a) => a.escalation?.policy)).toEqual([
      'escalationpolicy:default/rota',
      'escalationpolicy:default/rota',
    ]);
    expect(alerts.map((a) => a.assignee).sort()).toEqual(['user:default/mia', 'user:default/noah']);
  }, 20_000);

  it('ends a silence lasting until an alert resolves when it resolves, and pages what it held', async () => {
    const unknown = await steward.call('POST', '/api/v1/silences', {
      token: org.tokens.admin,
      body: { matchers: ['alertname="Restore"'], comment: 'restoring', untilResolved: 'no-such-alert' },
    });
    expect(unknown.statusCode, unknown.body).toBe(404);
    const backup = await fire('Backup');
    const silence = await steward.call('POST', '/api/v1/silences', {
      token: org.tokens.admin,
      body: { matchers: ['alertname="Restore"'], comment: 'restoring', untilResolved: backup },
    });
    expect(silence.statusCode, silence.body).toBe(201);
    const restore = await fire('Restore');
    const held = await until(
      () => get(restore),
      (a) => a.escalation !== null,
    );
    expect(held.escalation).toMatchObject({ state: 'suppressed', suppression: { id: silence.json().id } });
    expect(pagesOf(restore)).toEqual([]);

    const resolved = await steward.call('POST', `/api/v1/alerts/${backup}/resolve`, {
      token: org.tokens.member,
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const pages = await until(
      () => pagesOf(restore),
      (got) => got.length > 0,
    );
    expect(pages).toHaveLength(1);
    expect((await get(restore)).escalation).toMatchObject({ state: 'escalating', level: 2 });
  }, 20_000);
});

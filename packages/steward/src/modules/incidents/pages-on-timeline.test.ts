// A page for an alert attached to an incident reaches the incident's timeline when it goes out (heard
// from the notifications module's delivery-sent event), not only when the incident next hears of the
// alert: here the alert is never acknowledged nor resolved after the incident is declared. Followers
// of the incident's live topic hear of it (the portal reloads the timeline).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { StreamClient } from '../../server/test-stream.ts';
import { type Receiver, startReceiver } from '../notifications/delivery.test-support.ts';
import { fireAlert, seedIncidentOrg, until } from './incidents.test-support.ts';

describeEachEngine('pages on the timeline as they go out', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let receiver: Receiver;
  let key: string;
  let streamUrl: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    // Tries far enough apart that the incident is declared between the first and the one that lands.
    steward = await startTestSteward(db(), {
      notificationDelivery: { maxAttempts: 8, initialBackoffMs: 300, timeoutMs: 2000 },
    });
    org = await seedOrg(steward);
    key = await seedIncidentOrg(steward, org.tokens.admin, receiver);
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward.app.server.address() as { port: number };
    streamUrl = `ws://127.0.0.1:${port}/api/v1/stream`;
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
    await receiver?.close();
  });

  const call = (method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token: org.tokens.member, body });
  const timeline = async (id: string) =>
    (await call('GET', `/api/v1/incidents/${id}/timeline`)).json().items as {
      at: string;
      type: string;
      text: string;
    }[];

  it('puts a page sent after the incident was declared on its timeline', async () => {
    // Mia's webhook fails at first: her page is retrying when the incident is declared.
    receiver.script('/hooks/mia', { status: 503 });
    const alertId = await fireAlert(steward, key, org.tokens.viewer, {
      alertname: 'CheckoutLatency',
      service: 'checkout',
    });
    await until(
      () => receiver.received.filter((r) => r.path === '/hooks/mia'),
      (hits) => hits.length > 0,
    );
    const declared = await call('POST', `/api/v1/alerts/${alertId}/incident`, { severity: 'SEV3' });
    expect(declared.statusCode, declared.body).toBe(201);
    const { id, title } = declared.json();
    expect((await timeline(id)).map((i) => i.type)).not.toContain('page');

    const client = await StreamClient.connect(streamUrl, org.tokens.viewer);
    try {
      expect((await client.subscribe([`incident:${id}`])).type).toBe('subscribed');
      receiver.script('/hooks/mia', { status: 200 });
      const event = await client.nextEvent(
        (e) => e.topic === `incident:${id}` && (e.data as { what: string }).what === 'page',
        10_000,
      );
      expect(event).toMatchObject({ type: 'incident.changed', data: { id, what: 'page' } });
    } finally {
      await client.close();
    }
    const items = await until(
      () => timeline(id),
      (got) => got.some((i) => i.type === 'page'),
    );
    const pages = items.filter((i) => i.type === 'page');
    expect(pages.map((p) => p.text)).toEqual([`paged mia (level 1) for alert ${alertId}: ${title}`]);
    // At the time it went out: after the incident was declared.
    const declaredAt = Date.parse(items.find((i) => i.type === 'declared')?.at ?? '');
    expect(Date.parse(pages[0]?.at ?? '')).toBeGreaterThan(declaredAt);
    // Nobody acknowledged or resolved the alert: the page came on its own.
    expect((await call('GET', `/api/v1/alerts/${alertId}`)).json().status).toBe('triggered');
  }, 60_000);
});

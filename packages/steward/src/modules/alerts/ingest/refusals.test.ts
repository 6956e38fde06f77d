// What ingestion refuses, and how each sender is told: a 400 naming the field (in PagerDuty's words on
// /v2/enqueue), 413 for a body over the limit, 404 for a key no integration of that type has, and
// nothing stored for any of them. Overload answers each sender the way it retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import {
  alertsWithLabels,
  alertWithLabels,
  createIntegration,
  expectAccepted,
  recordedPayloads,
  uploadServices,
} from '../alerts.test-support.ts';
import { fingerprintOf } from './incoming.ts';
import { ingestBodyLimit } from './ingest-routes.ts';

const webhook = () => recordedPayloads().find((r) => r.file.startsWith('03-'))?.body;
const pdTrigger = () => recordedPayloads().find((r) => r.file.startsWith('01-'))?.body;

describeEachEngine('alert ingestion refusals', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let am: string;
  let pd: string;

  beforeAll(async () => {
    steward = await startTestSteward(db(), { config: { defaultAlertTeam: 'platform' } });
    org = await seedOrg(steward);
    await uploadServices(steward, org.tokens.admin);
    am = (await createIntegration(steward, org.tokens.admin, { type: 'alertmanager', name: 'am' })).key;
    pd = (await createIntegration(steward, org.tokens.admin, { type: 'pagerduty', name: 'pd' })).key;
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
  });

  const stored = async () =>
    (await steward.call('GET', '/api/v1/alerts', { token: org.tokens.viewer })).json().items.length;
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    steward.call('POST', url, { body, headers });

  it('answers 400 naming the missing or wrong field of a webhook, and stores nothing', async () => {
    const { groupKey: _, ...noGroupKey } = webhook();
    const missing = await post(`/api/v1/integrations/alertmanager/${am}`, noGroupKey);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.groupKey']);
    const body = webhook();
    body.alerts[1].status = 'burning';
    const wrong = await post(`/api/v1/integrations/alertmanager/${am}`, body);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('body.alerts.1.status');
    const bad = await steward.call('POST', `/api/v1/integrations/alertmanager/${am}`, {
      body: '{"version": "4",',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/not valid JSON/);
    // The key is the credential: no answer repeats it, not even as the problem's instance.
    for (const answer of [missing, wrong, bad]) {
      expect(answer.body).not.toContain(am);
      expect(answer.json().instance).toBe('/api/v1/integrations/alertmanager/:key');
    }
    expect(await stored()).toBe(0);
  });

  it("answers PagerDuty's 400 listing every problem of an event", async () => {
    const response = await post('/v2/enqueue', {
      routing_key: pd,
      event_action: 'trigger',
      payload: { source: 'x', severity: 'fatal' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      status: 'invalid event',
      message: 'Event object is invalid',
      errors: [
        "'payload.summary' is missing or blank",
        "'payload.severity' is invalid (must be one of: critical, error, warning, info)",
      ],
    });
    const resolve = await post('/v2/enqueue', { routing_key: pd, event_action: 'resolve' });
    expect(resolve.json().errors).toEqual([
      "'dedup_key' is missing or blank (required to acknowledge or resolve)",
    ]);
    const bad = await steward.call('POST', '/v2/enqueue', {
      body: '{"routing_key":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 'invalid event', message: 'Invalid JSON' });
    expect(await stored()).toBe(0);
  });

  it('answers 413 to a body over the limit', async () => {
    const body = webhook();
    // Over the API's limit (64 KiB on the test server) but under ingestion's: taken.
    body.commonAnnotations.padding = 'x'.repeat(70 * 1024);
    expect((await post(`/api/v1/integrations/alertmanager/${am}`, body)).statusCode).toBe(200);
    await steward.call('POST', `/api/v1/integrations/alertmanager/${am}`, {
      body: {
        ...body,
        status: 'resolved',
        alerts: body.alerts.map((a: object) => ({ ...a, status: 'resolved' })),
      },
    });
    body.commonAnnotations.padding = 'x'.repeat(ingestBodyLimit);
    const response = await post(`/api/v1/integrations/alertmanager/${am}`, body);
    expect(response.statusCode).toBe(413);
    const enqueue = await post('/v2/enqueue', {
      ...pdTrigger(),
      routing_key: pd,
      padding: 'x'.repeat(ingestBodyLimit),
    });
    expect(enqueue.statusCode).toBe(413);
    expect(enqueue.json().status).toBe('invalid event');
    expect(await stored()).toBe(2); // the two taken above, now resolved
  });

  it('answers 400 naming a label or annotation that is not a string, or a label set that is empty', async () => {
    const before = await stored();
    const auth = { authorization: `Bearer ${am}` };
    const fields = async (body: unknown) => {
      const response = await post('/api/v2/alerts', body, auth);
      expect(response.statusCode).toBe(400);
      return response.json().errors.map((e: { field: string }) => e.field);
    };
    expect(await fields([{ labels: { alertname: 'X', replicas: 3 } }])).toEqual(['body.0.labels.replicas']);
    expect(
      await fields([
        { labels: { alertname: 'X' } },
        { labels: { alertname: 'Y' }, annotations: { runbook: null } },
      ]),
    ).toEqual(['body.1.annotations.runbook']);
    expect(await fields([{ labels: ['alertname'] }])).toEqual(['body.0.labels']);
    expect(await fields([{ labels: {} }])).toEqual(['body.0.labels']);
    const webhookBody = webhook();
    webhookBody.alerts[0].labels.severity = 2;
    const response = await post(`/api/v1/integrations/alertmanager/${am}`, webhookBody);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('body.alerts.0.labels.severity');
    expect(await stored()).toBe(before);
  });

  it('answers 404 to an unknown key and to a key of the other type, storing nothing', async () => {
    const before = await stored();
    expect((await post('/api/v1/integrations/alertmanager/not-a-key', webhook())).statusCode).toBe(404);
    expect((await post(`/api/v1/integrations/alertmanager/${pd}`, webhook())).statusCode).toBe(404);
    const unknown = await post('/v2/enqueue', { ...pdTrigger(), routing_key: 'not-a-key' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Unknown routing key');
    expect((await post('/v2/enqueue', { ...pdTrigger(), routing_key: am })).statusCode).toBe(404);
    const v2 = [{ labels: { alertname: 'X' } }];
    expect((await post('/api/v2/alerts', v2, { authorization: `Bearer ${pd}` })).statusCode).toBe(404);
    expect((await post('/api/v2/alerts', v2)).statusCode).toBe(401);
    expect(await stored()).toBe(before);
  });

  it('takes API v2 alerts: resolved once endsAt has passed; nothing owns one: the default team', async () => {
    const labels = { alertname: 'Mystery', instance: 'z-1' };
    const auth = { authorization: `Bearer ${am}` };
    const fire = await post('/api/v2/alerts', [{ labels, annotations: { summary: 'who knows' } }], auth);
    expectAccepted(fire, [[fingerprintOf(labels), 'trigger']]);
    // Accepted, applied behind the answer: the list (which waits for it) names the alert.
    const { id } = await alertWithLabels(steward, org.tokens.viewer, { instance: 'z-1' });
    const alert = (await steward.call('GET', `/api/v1/alerts/${id}`, { token: org.tokens.viewer })).json();
    expect(alert).toMatchObject({
      status: 'triggered',
      summary: 'who knows',
      team: 'group:default/platform',
      service: null,
      unowned: true,
      urgency: 'high', // no severity label: high, as the contract says
      source: 'alertmanager-api',
    });
    expect(alert.hops.map((h: { kind: string }) => h.kind)).toContain('default');
    expect(alert.hops.find((h: { kind: string }) => h.kind === 'default').text).toBe(
      'nothing owns it: it goes to the default alert team group:default/platform',
    );
    const withLabels = async () =>
      (await alertsWithLabels(steward, org.tokens.viewer, { instance: 'z-1' })).map((a) => [a.id, a.status]);
    // The same labels again: the same alert, still the only one. Ended a minute ago: resolved.
    expectAccepted(await post('/api/v2/alerts', [{ labels }], auth), [[fingerprintOf(labels), 'trigger']]);
    expect(await withLabels()).toEqual([[id, 'triggered']]);
    const ended = new Date(Date.now() - 60_000).toISOString();
    const resolved = await post('/api/v2/alerts', [{ labels, endsAt: ended }], auth);
    expectAccepted(resolved, [[fingerprintOf(labels), 'resolve']]);
    expect(await withLabels()).toEqual([[id, 'resolved']]);
    // Firing again after it resolved opens a new alert (listed first, the newest).
    const refire = await post('/api/v2/alerts', [{ labels }], auth);
    expectAccepted(refire, [[fingerprintOf(labels), 'trigger']]);
    const after = await withLabels();
    expect(after).toHaveLength(2);
    expect(after[0]?.[0]).not.toBe(id);
    expect(after).toEqual([
      [after[0]?.[0], 'triggered'],
      [id, 'resolved'],
    ]);
  });
});

describeEachEngine('alert ingestion under overload', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    // No slot at all: every ingestion is over the limit.
    steward = await startTestSteward(db(), { config: { alertIngestLimit: 0 } });
    org = await seedOrg(steward);
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
  });

  describe('each sender is told to retry the way it retries', () => {
    it('webhook and API v2: 503 with Retry-After; /v2/enqueue: 429 with Retry-After; nothing stored', async () => {
      const am = (await createIntegration(steward, org.tokens.admin, { type: 'alertmanager', name: 'am' }))
        .key;
      const pd = (await createIntegration(steward, org.tokens.admin, { type: 'pagerduty', name: 'pd' })).key;
      const hook = await steward.call('POST', `/api/v1/integrations/alertmanager/${am}`, { body: webhook() });
      expect(hook.statusCode).toBe(503);
      expect(Number(hook.headers['retry-after'])).toBeGreaterThan(0);
      const v2 = await steward.call('POST', '/api/v2/alerts', {
        body: [{ labels: { alertname: 'X' } }],
        headers: { authorization: `Bearer ${am}` },
      });
      expect(v2.statusCode).toBe(503);
      const enqueue = await steward.call('POST', '/v2/enqueue', {
        body: { ...pdTrigger(), routing_key: pd },
      });
      expect(enqueue.statusCode).toBe(429);
      expect(Number(enqueue.headers['retry-after'])).toBeGreaterThan(0);
      expect(enqueue.json().status).toBe('throttle event');
      const list = await steward.call('GET', '/api/v1/alerts', { token: org.tokens.viewer });
      expect(list.json().items).toEqual([]);
    });
  });
});

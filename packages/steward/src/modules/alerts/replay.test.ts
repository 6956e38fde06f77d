// What Alertmanager 0.25 really sent, replayed in order against the webhook and /v2/enqueue: each
// group's alerts open once, a group resolves partly then wholly, PagerDuty events dedup on their key,
// and every alert reaches its owner (by who-owns, by an integration's binding) with its hops.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import {
  createIntegration,
  expectAccepted,
  recordedPayloads,
  uploadServices,
} from './alerts.test-support.ts';
import { fingerprintOf } from './ingest/incoming.ts';

/** What the webhook answers it accepted of a recorded message: each alert's key and action, in order. */
// biome-ignore lint/suspicious/noExplicitAny: the payloads are read as they were recorded.
const acceptedOf = (message: any) =>
  message.alerts.map(
    (a: { fingerprint?: string; labels: Record<string, string>; status: string }) =>
      [a.fingerprint || fingerprintOf(a.labels), a.status === 'firing' ? 'trigger' : 'resolve'] as const,
  );

interface Listed {
  id: string;
  status: string;
  service: string | null;
  team: string | null;
  urgency: string;
  unowned: boolean;
  integration: string;
  labels: Record<string, string>;
  groupKey: string | null;
}

describeEachEngine('replaying what Alertmanager 0.25 sent', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    steward = await startTestSteward(db(), { config: { defaultAlertTeam: 'platform' } });
    org = await seedOrg(steward);
    await uploadServices(steward, org.tokens.admin);
    const admin = org.tokens.admin;
    keys.webhook = (await createIntegration(steward, admin, { type: 'alertmanager', name: 'am' })).key;
    keys.templated = (
      await createIntegration(steward, admin, { type: 'pagerduty', name: 'pd-templated' })
    ).key;
    keys.default = (
      await createIntegration(steward, admin, {
        type: 'pagerduty',
        name: 'pd-default',
        service: 'component:ledger',
      })
    ).key;
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
  });

  const list = async (integration: string): Promise<Listed[]> => {
    const answer = await steward.call('GET', '/api/v1/alerts?limit=500', { token: org.tokens.viewer });
    expect(answer.statusCode, answer.body).toBe(200);
    return (answer.json().items as Listed[]).filter((a) => a.integration === integration);
  };
  const byInstance = (alerts: Listed[]) =>
    Object.fromEntries(alerts.map((a) => [a.labels.instance, a.status]).sort());

  it('opens, dedups and resolves each alert as the payloads arrive, a group partly then wholly', async () => {
    const seen: Record<string, Record<string, string>> = {};
    for (const recorded of recordedPayloads()) {
      const response =
        recorded.kind === 'webhook'
          ? await steward.call('POST', `/api/v1/integrations/alertmanager/${keys.webhook}`, {
              body: recorded.body,
            })
          : await steward.call('POST', '/v2/enqueue', {
              body: { ...recorded.body, routing_key: keys[recorded.receiver as string] },
            });
      if (recorded.kind === 'webhook') {
        expect(response.statusCode, `${recorded.file}: ${response.body}`).toBe(200);
        expectAccepted(response, acceptedOf(recorded.body));
      } else {
        expect(response.statusCode, `${recorded.file}: ${response.body}`).toBe(202);
        expect(response.json()).toEqual({
          status: 'success',
          message: 'Event processed',
          dedup_key: recorded.body.dedup_key,
        });
      }
      seen[recorded.file.slice(0, 2)] = byInstance(await list('am'));
    }
    // 03: both checkout alerts fire; 06: ledger's; 07: a-2 resolves while a-1 still fires (one
    // message, partly resolved); 10: ledger resolves; 13: a-1 resolves.
    expect(seen['03']).toEqual({ 'a-1': 'triggered', 'a-2': 'triggered' });
    expect(seen['06']).toEqual({ 'a-1': 'triggered', 'a-2': 'triggered', 'l-1': 'triggered' });
    expect(seen['07']).toEqual({ 'a-1': 'triggered', 'a-2': 'resolved', 'l-1': 'triggered' });
    expect(seen['10']).toEqual({ 'a-1': 'triggered', 'a-2': 'resolved', 'l-1': 'resolved' });
    expect(seen['13']).toEqual({ 'a-1': 'resolved', 'a-2': 'resolved', 'l-1': 'resolved' });

    // PagerDuty: one alert per group (the second trigger of checkout, 08/09, is the same dedup_key),
    // each resolved by 11/12 and 14/15.
    for (const name of ['pd-templated', 'pd-default']) {
      const alerts = await list(name);
      expect(alerts.map((a) => a.status)).toEqual(['resolved', 'resolved']);
    }
  });

  it('routes each alert to its owner: by who-owns from labels or component, or by the binding', async () => {
    const am = await list('am');
    const route = (alerts: Listed[]) =>
      alerts.map((a) => [a.labels.instance ?? a.service, a.service, a.team, a.urgency, a.unowned]).sort();
    // checkout's alerts are critical (high); ledger's disk warning is low.
    expect(route(am)).toEqual([
      ['a-1', 'component:default/checkout', 'group:default/payments', 'high', false],
      ['a-2', 'component:default/checkout', 'group:default/payments', 'high', false],
      ['l-1', 'component:default/ledger', 'group:default/search', 'low', false],
    ]);
    // templated: component names the service; severity critical (checkout) is high, warning (ledger) low.
    const templated = await list('pd-templated');
    expect(templated.map((a) => [a.service, a.team, a.urgency]).sort()).toEqual([
      ['component:default/checkout', 'group:default/payments', 'high'],
      ['component:default/ledger', 'group:default/search', 'low'],
    ]);
    // default: no labels, no component: the binding decides; severity error is high.
    const bound = await list('pd-default');
    expect(bound.map((a) => [a.service, a.team, a.urgency])).toEqual([
      ['component:default/ledger', 'group:default/search', 'high'],
      ['component:default/ledger', 'group:default/search', 'high'],
    ]);
    const detail = (
      await steward.call('GET', `/api/v1/alerts/${bound[0]?.id}`, { token: org.tokens.viewer })
    ).json();
    expect(detail.hops.map((h: { text: string }) => h.text).slice(0, 2)).toEqual([
      'integration pd-default is bound to component:default/ledger',
      'owner of component:default/ledger is group:default/search',
    ]);
    expect(detail.timeline.map((t: { status: string; by: string }) => [t.status, t.by])).toEqual([
      ['triggered', 'integration:pd-default'],
      ['resolved', 'integration:pd-default'],
    ]);
    const checkout = am.find((a) => a.labels.instance === 'a-1') as Listed;
    expect(checkout.groupKey).toBe('{}/{alertname=~".+"}:{alertname="HighErrorRate", service="checkout"}');
    const hops = (
      await steward.call('GET', `/api/v1/alerts/${checkout.id}`, { token: org.tokens.viewer })
    ).json().hops as { kind: string; text: string }[];
    expect(hops[0]?.kind).toBe('who-owns');
    // Asked about the labels that decide: those naming conventions read (job, service); no matcher of
    // this catalog reads alertname or instance.
    expect(hops[0]?.text).toBe(
      'who-owns alert:{job="checkout-api",service="checkout"} → component:default/checkout (label-convention: label service=checkout equals the name of component:default/checkout)',
    );
    expect(hops[1]?.text).toBe('owner of component:default/checkout is group:default/payments');
  });

  it('lists by status, service and team, and pages with a cursor', async () => {
    const get = async (query: string) =>
      (await steward.call('GET', `/api/v1/alerts?${query}`, { token: org.tokens.viewer })).json();
    expect((await get('team=search')).items).toHaveLength(4); // l-1, templated ledger, two bound
    expect((await get('service=checkout')).items).toHaveLength(3); // a-1, a-2, templated checkout
    expect((await get('status=triggered')).items).toHaveLength(0);
    const first = await get('limit=4');
    expect(first.items).toHaveLength(4);
    const second = await get(`limit=4&cursor=${first.next}`);
    expect(second.items).toHaveLength(3);
    expect(second.next).toBeNull();
    const ids = [...first.items, ...second.items].map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(7);
  });

  it('opens each alert once when the same message arrives many times at once', async () => {
    const { key } = await createIntegration(steward, org.tokens.admin, {
      type: 'alertmanager',
      name: 'am-burst',
    });
    const message = recordedPayloads().find((r) => r.file.startsWith('03-'))?.body;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        steward.call('POST', `/api/v1/integrations/alertmanager/${key}`, { body: message }),
      ),
    );
    // Every answer accepts the same two alerts, by key...
    const accepted = acceptedOf(message);
    expect(accepted.map(([, action]: readonly string[]) => action)).toEqual(['trigger', 'trigger']);
    for (const answer of answers) expectAccepted(answer, accepted);
    // ...and eight requests about them open exactly those two, once each.
    const alerts = await list('am-burst');
    expect(byInstance(alerts)).toEqual({ 'a-1': 'triggered', 'a-2': 'triggered' });
    const keysOf = async (id: string) =>
      (await steward.call('GET', `/api/v1/alerts/${id}`, { token: org.tokens.viewer })).json().dedupKey;
    const opened = await Promise.all(alerts.map((a) => keysOf(a.id)));
    expect(opened.sort()).toEqual(accepted.map(([key]: readonly string[]) => key).sort());
  });

  it('takes a PagerDuty acknowledge, then its resolve, for the same dedup_key', async () => {
    const { key } = await createIntegration(steward, org.tokens.admin, { type: 'pagerduty', name: 'pd-ack' });
    const send = (event_action: string) =>
      steward.call('POST', '/v2/enqueue', {
        body: {
          routing_key: key,
          event_action,
          dedup_key: 'disk-l-9',
          payload: { summary: 'Disk full on l-9', source: 'l-9', severity: 'warning' },
        },
      });
    for (const action of ['trigger', 'acknowledge', 'acknowledge', 'resolve', 'acknowledge'])
      expect((await send(action)).statusCode).toBe(202);
    const [alert] = await list('pd-ack');
    const detail = (
      await steward.call('GET', `/api/v1/alerts/${alert?.id}`, { token: org.tokens.viewer })
    ).json();
    expect(detail.timeline.map((t: { status: string }) => t.status)).toEqual([
      'triggered',
      'acknowledged',
      'resolved',
    ]);
    expect(detail).toMatchObject({
      dedupKey: 'disk-l-9',
      urgency: 'low',
      unowned: true,
      team: 'group:default/platform',
    });
  });
});

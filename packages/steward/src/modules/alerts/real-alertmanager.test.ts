// The real Prometheus Alertmanager in front of Steward, as an organisation runs them: Alertmanager
// groups by alertname and service and notifies Steward through a webhook receiver (payload v4, with
// resolved notifications) and a PagerDuty receiver pointed at Steward's /v2/enqueue. Two groups fire,
// one alert of a group resolves, then the rest; Steward must hold each alert once, with its state,
// one PagerDuty alert per group (its dedup key stands for the group), the checkout group routed to
// the service whose matchers own it, and Alertmanager must have dropped no notification.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RunningAlertmanager, startAlertmanager } from '../../server/alertmanager/start-alertmanager.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const catalog = `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: steward.dev/v1
kind: Service
metadata: { name: checkout }
spec:
  lifecycle: production
  tier: 1
  owners: [{ ref: group:payments, role: primary }]
  selectors:
    alerts:
      matchers: ['service="checkout"', 'alertname=~"High.*"']
`;

const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
const alert = (alertname: string, service: string, instance: string, endsAt?: string) => ({
  labels: { alertname, service, instance, severity: 'critical', job: `${service}-api` },
  annotations: { summary: `${alertname} on ${instance}` },
  startsAt,
  ...(endsAt ? { endsAt } : {}),
});
const checkoutA = (endsAt?: string) => alert('HighErrorRate', 'checkout', 'a-1', endsAt);
const checkoutB = (endsAt?: string) => alert('HighErrorRate', 'checkout', 'a-2', endsAt);
const ledger = (endsAt?: string) => alert('DiskFull', 'ledger', 'db-1', endsAt);

interface Listed {
  id: string;
  status: string;
  service: string | null;
  team: string | null;
  summary: string;
  labels: Record<string, string>;
  integration: string;
  groupKey: string | null;
}

/** The sum of a counter's series in Alertmanager's /metrics (of one integration), and how many. */
function counter(metrics: string, name: string, integration?: string): { sum: number; series: number } {
  const values = metrics
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .filter((line) => !integration || line.includes(`integration="${integration}"`))
    .map((line) => Number(line.split(' ').pop()));
  return { sum: values.reduce((a, b) => a + b, 0), series: values.length };
}

describeEachEngine('a real Alertmanager notifying Steward', ({ db }) => {
  let steward: TestSteward;
  let am: RunningAlertmanager;

  const stored = async (): Promise<Listed[]> => {
    const response = await steward.call('GET', '/api/v1/alerts?limit=500', { token: steward.adminToken });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };
  const fromWebhook = async () =>
    Object.fromEntries(
      (await stored())
        .filter((a) => a.integration === 'am-webhook')
        .map((a) => [a.labels.instance as string, a]),
    );
  const fromPagerDuty = async () => (await stored()).filter((a) => a.integration === 'am-pagerduty');

  beforeAll(async () => {
    steward = await startTestSteward(db());
    await steward.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = steward.app.server.address() as { port: number };
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: { kind: 'upload', name: 'oncall', files: [{ path: 'catalog-info.yaml', content: catalog }] },
    });
    expect((await steward.jobOf(upload)).result).toMatchObject({ errorCount: 0 });
    const integration = async (body: object) => {
      const created = await steward.call('POST', '/api/v1/integrations', { token: steward.adminToken, body });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().key as string;
    };
    const webhookKey = await integration({ type: 'alertmanager', name: 'am-webhook' });
    // A PagerDuty event carries no labels: the binding says which service its alerts are about.
    const pagerDutyKey = await integration({
      type: 'pagerduty',
      name: 'am-pagerduty',
      service: 'service:checkout',
    });
    const base = `http://127.0.0.1:${port}`;
    am = await startAlertmanager({
      config: {
        route: {
          receiver: 'webhook',
          group_by: ['alertname', 'service'],
          // Long enough that the alerts of one POST are one group's first message even on a machine
          // busy enough to hold Alertmanager back a second (it then sent [FIRING:1], and one more).
          group_wait: '3s',
          group_interval: '1s',
          repeat_interval: '1h',
          routes: [
            { receiver: 'webhook', continue: true },
            { receiver: 'pagerduty', continue: true },
          ],
        },
        receivers: [
          {
            name: 'webhook',
            webhook_configs: [
              { url: `${base}/api/v1/integrations/alertmanager/${webhookKey}`, send_resolved: true },
            ],
          },
          {
            name: 'pagerduty',
            pagerduty_configs: [
              { url: `${base}/v2/enqueue`, routing_key: pagerDutyKey, send_resolved: true },
            ],
          },
        ],
      },
    });
  }, 60_000);
  afterAll(async () => {
    await am?.stop();
    await steward?.close();
  });

  it('stores each firing alert once, routed by the catalog, and one PagerDuty alert per group', async () => {
    await am.postAlerts([checkoutA(), checkoutB(), ledger()]);
    await vi.waitFor(
      async () => {
        expect(Object.keys(await fromWebhook()).sort()).toEqual(['a-1', 'a-2', 'db-1']);
        expect(await fromPagerDuty()).toHaveLength(2);
      },
      { timeout: 20_000, interval: 200 },
    );
    const byInstance = await fromWebhook();
    for (const instance of ['a-1', 'a-2']) {
      expect(byInstance[instance]).toMatchObject({
        status: 'triggered',
        service: 'service:default/checkout',
        team: 'group:default/payments',
        summary: `HighErrorRate on ${instance}`,
        labels: { alertname: 'HighErrorRate', service: 'checkout', instance, severity: 'critical' },
      });
    }
    // No service's matchers own service="ledger", and no component is named so.
    expect(byInstance['db-1']).toMatchObject({ status: 'triggered', service: null });
    const pagerDuty = await fromPagerDuty();
    expect(pagerDuty.map((a) => a.status)).toEqual(['triggered', 'triggered']);
    expect(pagerDuty.map((a) => a.service)).toEqual(['service:default/checkout', 'service:default/checkout']);
    // Alertmanager's default PagerDuty summary names the group and how many fire in it.
    expect(pagerDuty.map((a) => a.summary).sort()).toEqual([
      expect.stringMatching(/^\[FIRING:1\] DiskFull ledger/),
      expect.stringMatching(/^\[FIRING:2\] HighErrorRate checkout/),
    ]);
    // Alertmanager's PagerDuty dedup_key is the SHA-256 of the group key its webhook sends.
    const detail = async (id: string) =>
      (await steward.call('GET', `/api/v1/alerts/${id}`, { token: steward.adminToken })).json();
    const groupKeys = new Set(Object.values(byInstance).map((a) => a.groupKey));
    expect(groupKeys.size).toBe(2);
    const hashed = [...groupKeys].map((key) =>
      createHash('sha256')
        .update(key ?? '')
        .digest('hex'),
    );
    const dedupKeys = await Promise.all(pagerDuty.map(async (a) => (await detail(a.id)).dedupKey));
    expect(dedupKeys.sort()).toEqual(hashed.sort());
    // The route is recorded with its reason: the service's alert matchers decided.
    const routed = await detail((byInstance['a-1'] as Listed).id);
    expect(JSON.stringify(routed.hops)).toContain('service:default/checkout');
  }, 30_000);

  it('resolves one alert of a group while the group fires on', async () => {
    await am.postAlerts([checkoutA(new Date().toISOString())]);
    await vi.waitFor(
      async () => {
        const byInstance = await fromWebhook();
        expect(byInstance['a-1']?.status).toBe('resolved');
      },
      { timeout: 20_000, interval: 200 },
    );
    const byInstance = await fromWebhook();
    expect(byInstance['a-2']?.status).toBe('triggered');
    expect(byInstance['db-1']?.status).toBe('triggered');
    // Wait for the PagerDuty receiver's message about the changed group too ([FIRING:1] … [RESOLVED:1]).
    await vi.waitFor(
      async () => {
        const metrics = await (await fetch(`${am.url}/metrics`)).text();
        const sent = counter(metrics, 'alertmanager_notifications_total', 'pagerduty');
        expect(sent.sum).toBeGreaterThanOrEqual(3);
      },
      { timeout: 20_000, interval: 200 },
    );
    // It carried the group's dedup key again: still one alert for the group, firing.
    const pagerDuty = await fromPagerDuty();
    expect(pagerDuty).toHaveLength(2);
    expect(pagerDuty.map((a) => a.status)).toEqual(['triggered', 'triggered']);
  }, 45_000);

  it('resolves the rest, the PagerDuty alerts with their groups, and nothing was dropped', async () => {
    const now = new Date().toISOString();
    await am.postAlerts([checkoutB(now), ledger(now)]);
    await vi.waitFor(
      async () => {
        const all = await stored();
        expect(all.map((a) => a.status)).toEqual(Array(5).fill('resolved'));
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(Object.keys(await fromWebhook()).sort()).toEqual(['a-1', 'a-2', 'db-1']);
    expect(await fromPagerDuty()).toHaveLength(2);
    const metrics = await (await fetch(`${am.url}/metrics`)).text();
    const failed = counter(metrics, 'alertmanager_notifications_failed_total');
    expect(failed.series).toBeGreaterThan(0);
    expect(failed.sum, 'notifications Alertmanager failed to deliver').toBe(0);
    // Each receiver: the two groups firing, the checkout group partly resolved, both groups resolved.
    for (const integration of ['webhook', 'pagerduty']) {
      const sent = counter(metrics, 'alertmanager_notifications_total', integration);
      expect(sent.sum, integration).toBe(5);
    }
  }, 45_000);
});

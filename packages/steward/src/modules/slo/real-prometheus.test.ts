// Steward's SLO status against the real Prometheus: the rules Steward stored for two SLOs of one
// service run in a Prometheus that scrapes an exporter in this process every second. The exporter's
// counters keep one error ratio r exactly (every scrape adds 995 good and 5 failed requests), so
// every window's SLI error ratio is r, the burn rate r / (1 - objective), and the budget left over
// the period 1 - r / (1 - objective): computed here from the counters, read by Steward from Prometheus.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningPrometheus, startPrometheus } from '../../server/prometheus/start-prometheus.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { freePort } from '../../server/test-serve.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: steward.dev/v1
kind: Service
metadata:
  name: checkout
  annotations: { steward.dev/slo-spec: ./slo.yaml }
spec:
  lifecycle: production
  tier: 1
  owners: [{ ref: group:payments, role: primary }]
`;

const spec = `version: prometheus/v1
service: checkout
slos:
  - name: availability
    objective: 99
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
    alerting: { page_alert: { disable: true }, ticket_alert: { disable: true } }
  - name: availability-strict
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
    alerting: { page_alert: { disable: true }, ticket_alert: { disable: true } }
`;

/** A /metrics endpoint whose counters grow by 995 good and 5 failed requests at every scrape. */
function exporter() {
  const counts = { ok: 0, failed: 0 };
  const server: Server = createServer((_request, response) => {
    counts.ok += 995;
    counts.failed += 5;
    response.setHeader('content-type', 'text/plain; version=0.0.4');
    response.end(
      [
        '# TYPE http_requests_total counter',
        `http_requests_total{code="200"} ${counts.ok}`,
        `http_requests_total{code="500"} ${counts.failed}`,
        '',
      ].join('\n'),
    );
  });
  return { server, counts };
}

describeEachEngine('SLO status from the real Prometheus', ({ db }) => {
  let steward: TestSteward;
  let prometheus: RunningPrometheus | undefined;
  const metrics = exporter();
  const get = async (url: string) => (await steward.call('GET', url, { token: steward.adminToken })).json();

  beforeAll(async () => {
    metrics.server.listen(0, '127.0.0.1');
    await once(metrics.server, 'listening');
    const prometheusPort = await freePort();
    steward = await startTestSteward(db(), {
      config: { prometheusUrl: `http://127.0.0.1:${prometheusPort}` },
    });
    const job = await steward.jobOf(
      await steward.call('POST', '/api/v1/catalog/sources', {
        token: steward.adminToken,
        body: {
          kind: 'upload',
          name: 'checkout-repo',
          files: [
            { path: 'catalog-info.yaml', content: catalog },
            { path: 'slo.yaml', content: spec },
          ],
        },
      }),
    );
    expect(job.result.errors).toEqual([]);
    // Before Prometheus runs: a state that says so, not an error.
    const early = await get('/api/v1/slos/checkout-availability');
    expect(early.status.state).toBe('unreachable');
    expect(early.status.message).toContain(`127.0.0.1:${prometheusPort}`);
    // The rules Prometheus runs are the ones Steward answers with.
    const rules = await Promise.all(
      ['checkout-availability', 'checkout-availability-strict'].map(
        async (id) => (await get(`/api/v1/slos/${id}`)).rules,
      ),
    );
    const { port } = metrics.server.address() as AddressInfo;
    prometheus = await startPrometheus({
      port: prometheusPort,
      scrape: [{ job: 'checkout', target: `127.0.0.1:${port}` }],
      rules,
    });
  }, 60_000);
  afterAll(async () => {
    await prometheus?.stop();
    metrics.server.close();
    await steward?.close();
  });

  /** The SLO's status once Prometheus has every series Steward reads. */
  const settled = async (id: string) => {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const { status } = await get(`/api/v1/slos/${id}`);
      const complete =
        status.state === 'ok' &&
        status.budgetRemaining !== null &&
        status.currentBurnRate !== null &&
        status.burnRates.length >= 8 &&
        status.burnRates.every((b: { rate: number | null }) => b.rate !== null);
      if (complete) return status;
      if (Date.now() > deadline) throw new Error(`no complete status for ${id}: ${JSON.stringify(status)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  it('reports the budget left and burn rates the series imply, for each objective', async () => {
    for (const [id, objective] of [
      ['checkout-availability', 99],
      ['checkout-availability-strict', 99.9],
    ] as const) {
      const status = await settled(id);
      // The error ratio of the requests the exporter counted.
      const r = metrics.counts.failed / (metrics.counts.ok + metrics.counts.failed);
      expect(r).toBeCloseTo(0.005, 12);
      const budget = 1 - objective / 100;
      // 99: burn 0.5, half the budget left; 99.9: burn 5, four budgets overspent.
      expect(status.currentBurnRate).toBeCloseTo(r / budget, 6);
      expect(status.budgetRemaining).toBeCloseTo(1 - r / budget, 6);
      expect(status.burnRates.map((b: { window: string }) => b.window)).toEqual([
        '5m',
        '30m',
        '1h',
        '2h',
        '6h',
        '1d',
        '3d',
        '30d',
      ]);
      for (const { rate } of status.burnRates) expect(rate).toBeCloseTo(r / budget, 6);
      const last = status.burnDown.at(-1);
      expect(last.remaining).toBeCloseTo(1 - r / budget, 6);
    }
  }, 60_000);
});

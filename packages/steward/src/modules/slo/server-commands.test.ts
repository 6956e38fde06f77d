// `steward slo list|show` as an engineer runs them: the real binary against a listening server.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { runStewardCli } from '../../server/test-serve.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations: { steward.dev/slo-spec: ./slo.yaml }
spec: { type: service, lifecycle: production, owner: group:payments }
`;

const spec = `version: prometheus/v1
service: checkout
slos:
  - name: availability
    objective: 99.5
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
    alerting: { name: CheckoutAvailability, page_alert: { labels: { severity: page } }, ticket_alert: { disable: true } }
`;

describeEachEngine('steward slo list|show', ({ db }) => {
  let steward: TestSteward;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runStewardCli(args, env);
  const api = async (url: string) => (await steward.call('GET', url, { token: steward.adminToken })).json();

  beforeAll(async () => {
    steward = await startTestSteward(db());
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: {
        kind: 'upload',
        name: 'services',
        files: [
          { path: 'catalog-info.yaml', content: catalog },
          { path: 'slo.yaml', content: spec },
        ],
      },
    });
    expect((await steward.jobOf(upload)).result.errors).toEqual([]);
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward.app.server.address() as { port: number };
    env = {
      STEWARD_SERVER: `http://127.0.0.1:${port}`,
      STEWARD_TOKEN: steward.adminToken,
      STEWARD_CONFIG: join(steward.dataDir, 'no-config.json'),
    };
  });
  afterAll(() => steward?.close());

  it("lists a team's SLOs as text, and as the API answers in JSON", async () => {
    const text = await cli('slo', 'list', '--team', 'payments');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +SERVICE +TEAM +OBJECTIVE +PERIOD$/);
    expect(lines[1]).toMatch(
      /^checkout-availability +component:default\/checkout +group:default\/payments +99.5% +30d$/,
    );
    expect(lines).toHaveLength(2);
    const json = await cli('slo', 'list', '--service', 'checkout', '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual(await api('/api/v1/slos?service=checkout'));
  });

  it('shows an SLO with the reason it has no status, and prints its rules alone with --rules', async () => {
    const shown = await cli('slo', 'show', 'checkout-availability');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^objective: +99.5% over 30d$/m);
    expect(shown.stdout).toMatch(/^spec: +slo.yaml:4 \(prometheus\/v1\)$/m);
    expect(shown.stdout).toMatch(
      /^status: +no-prometheus: no Prometheus configured: set STEWARD_PROMETHEUS_URL/m,
    );
    const rules = await cli('slo', 'show', 'checkout-availability', '--rules');
    expect(rules.stdout).toBe((await api('/api/v1/slos/checkout-availability')).rules);
  });

  it('says which SLO does not exist', async () => {
    const missing = await cli('slo', 'show', 'checkout-nope');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no SLO checkout-nope');
  });
});

// An SLO burn alert as Sloth's rules raise it (labels sloth_id, sloth_service, sloth_slo,
// sloth_severity; no service, app or job label) arrives through Alertmanager's webhook: it routes to
// the owner of the service sloth_service names, and its answer links the SLO when Steward has it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations: { steward.dev/slo-spec: ./slo.yaml }
spec: { type: service, lifecycle: production, owner: group:payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: production, owner: group:search }
`;

const spec = `version: prometheus/v1
service: checkout
slos:
  - name: requests-availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
    alerting:
      name: CheckoutAvailability
      page_alert: { labels: { severity: page } }
      ticket_alert: { labels: { severity: ticket } }
`;

/** An Alertmanager webhook v4 notification of one firing burn alert. */
const burnAlert = (service: string, slo: string, fingerprint: string) => {
  const labels = {
    alertname: 'CheckoutAvailability',
    severity: 'page',
    sloth_id: `${service}-${slo}`,
    sloth_service: service,
    sloth_slo: slo,
    sloth_severity: 'page',
  };
  return {
    version: '4',
    receiver: 'steward',
    status: 'firing',
    groupKey: `{}:{sloth_id="${service}-${slo}"}`,
    truncatedAlerts: 0,
    groupLabels: { sloth_id: `${service}-${slo}` },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.invalid',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: `High error budget burn for ${service}-${slo}` },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: '',
        fingerprint,
      },
    ],
  };
};

describeEachEngine('SLO burn alerts', ({ db }) => {
  let steward: TestSteward;
  let key: string;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    const token = steward.adminToken;
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token,
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
    const integration = await steward.call('POST', '/api/v1/integrations', {
      token,
      body: { type: 'alertmanager', name: 'prometheus' },
    });
    key = integration.json().key;
  });
  afterAll(() => steward?.close());

  const send = async (body: object) => {
    const response = await steward.call('POST', `/api/v1/integrations/alertmanager/${key}`, { body });
    expect(response.statusCode, response.body).toBeLessThan(300);
  };
  const alertsOf = async (service: string) =>
    (await steward.call('GET', `/api/v1/alerts?service=${service}`, { token: steward.adminToken })).json()
      .items;

  it('routes to the owner of the service sloth_service names, linking the SLO', async () => {
    await send(burnAlert('checkout', 'requests-availability', 'a1'));
    const [alert, ...others] = await alertsOf('checkout');
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      service: 'component:default/checkout',
      team: 'group:default/payments',
      unowned: false,
      slo: {
        id: 'checkout-requests-availability',
        name: 'requests-availability',
        service: 'component:default/checkout',
      },
    });
    const detail = (
      await steward.call('GET', `/api/v1/alerts/${alert.id}`, { token: steward.adminToken })
    ).json();
    expect(detail.slo).toEqual(alert.slo);
    expect(detail.hops.map((h: { text: string }) => h.text).join('\n')).toContain('sloth_service=checkout');
  });

  it('an SLO Steward does not have still routes by sloth_service; it links nothing', async () => {
    await send(burnAlert('ledger', 'latency', 'b1'));
    const [alert] = await alertsOf('ledger');
    expect(alert).toMatchObject({ team: 'group:default/search', slo: null });
  });
});

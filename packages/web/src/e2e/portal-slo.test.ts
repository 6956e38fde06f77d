// End to end: SLOs in the portal, on the demo organisation with a real Prometheus running the rules
// Steward gives for checkout-api's SLO over an exporter in this process. Every scrape adds 1,999 good
// and 1 failed checkout request: an error ratio of 0.05% against a 99.9% objective burns at 0.5×,
// leaving half the budget. The service page shows that figure and draws the burn-down; the SLO list
// (Respond → SLOs) lists the demo's 18 SLOs, and an SLO's page shows its rules.
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningPrometheus,
  startPrometheus,
} from '../../../steward/src/server/prometheus/start-prometheus.ts';
import { freePort } from '../../../steward/src/server/test-serve.ts';
import { artifacts, type Portal, signIn, startPortal } from './portal-harness.ts';

const sloId = 'checkout-api-requests-availability-0';

/** Checkout's request counters, growing by 1,999 good and 1 failed request at every scrape. */
const exporter = createServer((_request, response) => {
  counts.ok += 1999;
  counts.failed += 1;
  response.setHeader('content-type', 'text/plain; version=0.0.4');
  response.end(
    `# TYPE http_requests_total counter\nhttp_requests_total{code="200"} ${counts.ok}\nhttp_requests_total{code="503"} ${counts.failed}\n`,
  );
});
const counts = { ok: 0, failed: 0 };

async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `portal-slo-${name}.png`), fullPage: true });
}

describe('the portal: SLOs', () => {
  let portal: Portal;
  let page: Page;
  let prometheus: RunningPrometheus | undefined;

  beforeAll(async () => {
    exporter.listen(0, '127.0.0.1');
    await once(exporter, 'listening');
    const prometheusPort = await freePort();
    portal = await startPortal({ env: { STEWARD_PROMETHEUS_URL: `http://127.0.0.1:${prometheusPort}` } });
    page = portal.page;
    const answer = await portal.steward.call('GET', `/api/v1/slos/${sloId}`, portal.steward.adminToken());
    expect(answer.status).toBe(200);
    const { rules } = (await answer.json()) as { rules: string };
    const { port } = exporter.address() as AddressInfo;
    prometheus = await startPrometheus({
      port: prometheusPort,
      scrape: [{ job: 'checkout-api', target: `127.0.0.1:${port}` }],
      rules: [rules],
    });
    await page.goto(portal.steward.url);
    await signIn(page, 'amara-nwosu');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
    await prometheus?.stop();
    exporter.close();
  });

  it("shows a service's budget left from Prometheus and draws its burn-down", async () => {
    const budget = 1 - 1 / 2000 / (1 - 0.999);
    const shown = `${(budget * 100).toFixed(1)}%`;
    expect(shown).toBe('50.0%');
    // Prometheus needs a few scrapes and evaluations before every figure exists: reload until then.
    const card = page.getByRole('region', { name: 'Service level objectives' });
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.goto(`${portal.steward.url}/catalog/component/default/checkout-api`);
      await card.getByRole('link', { name: 'requests-availability-0' }).waitFor();
      await page.waitForLoadState('networkidle');
      const figure = card.locator('.slo-status__figures dd').first();
      if ((await figure.count()) > 0 && (await figure.textContent()) === shown) break;
      expect(Date.now(), (await card.textContent()) ?? '').toBeLessThan(deadline);
      await page.waitForTimeout(1000);
    }
    await card.locator('.burn-down__plot canvas').first().waitFor();
    expect(await card.locator('figcaption').textContent()).toContain('error budget left');
    await snapshot(page, 'service');
    expect(portal.pageErrors).toEqual([]);
  }, 90_000);

  it('lists every SLO with its service and team, and shows one with its rules', async () => {
    await page.goto(`${portal.steward.url}/slos`);
    const table = page.getByRole('region', { name: 'SLOs' });
    await table.getByRole('link', { name: 'requests-availability-0' }).waitFor();
    // The demo's 18 SLOs (examples/acme/slos), one row each under the header.
    expect(await table.getByRole('row').count()).toBe(19);
    await table.getByRole('link', { name: 'requests-availability-0' }).click();
    await page.getByRole('heading', { name: 'requests-availability-0', level: 1 }).waitFor();
    const rules = page.getByTestId('slo-rules');
    expect(await rules.textContent()).toContain(`name: sloth-slo-sli-recordings-${sloId}`);
    await snapshot(page, 'slo');
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it("lists a team's SLOs on its page, as the API answers for the team", async () => {
    const answer = await portal.steward.call(
      'GET',
      '/api/v1/slos?team=payments',
      portal.steward.adminToken(),
    );
    const { items } = (await answer.json()) as { items: { name: string }[] };
    expect(items.length).toBeGreaterThan(0);
    await page.goto(`${portal.steward.url}/teams/payments`);
    const table = page.getByRole('region', { name: 'SLOs of the services Payments owns' });
    await table.getByRole('link', { name: 'requests-availability-0' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(items.length + 1);
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

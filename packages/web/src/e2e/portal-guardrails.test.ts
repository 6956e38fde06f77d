// End to end: a scan uploaded through the API (PUT /api/v1/guardrails/scans/:target, as
// `steward scan --upload` sends it) seen in the portal: findings counted by team and by service and
// narrowed to one team, the cards on the team's and the service's pages, and the exemptions with the
// expired and the expiring-soon ones marked. The owners are the demo's own (examples/acme):
// checkout-api is Payments', search-api Storefront's; Kubernetes objects named after a component are
// that component's.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, type Portal, signIn, startPortal } from './portal-harness.ts';

const day = 86_400_000;
/** Ten days from today (UTC): an exemption expiring soon. */
const soon = new Date(Date.now() + 10 * day).toISOString().slice(0, 10);

const finding = (ruleId: string, severity: string, file: string, resource: string, more = {}) => ({
  ruleId,
  severity,
  message: `${ruleId}: fix it`,
  file,
  line: 20,
  column: 5,
  resource,
  owner: null,
  aliases: [],
  fingerprint: `fp-${ruleId}-${resource}`,
  ...more,
});

const checkout = ['services/checkout-api/deploy.yaml', 'Deployment/shop/checkout-api'] as const;
const search = ['services/search-api/deploy.yaml', 'Deployment/search/search-api'] as const;

const exemption = (
  rule: string,
  [file, resource]: readonly [string, string],
  line: number,
  expires: string,
  fp: string,
) => ({
  rules: [rule],
  written: rule,
  syntax: 'steward-annotation',
  reason: `${rule} is needed here`,
  expires,
  approver: '@sre',
  container: null,
  image: null,
  file,
  line,
  resource,
  findings: [fp],
});

const scan = {
  findings: [
    finding('k8s-privileged', 'critical', ...checkout),
    finding('k8s-writable-root-filesystem', 'medium', ...checkout),
    finding('k8s-image-tag', 'medium', ...search, {
      expiredExemption: { file: search[0], line: 7, expires: '2020-01-01', written: 'k8s-image-tag' },
    }),
  ],
  exemptions: [
    exemption('k8s-host-path', checkout, 8, '2099-12-31', `fp-k8s-host-path-${checkout[1]}`),
    exemption('k8s-run-as-root', search, 9, soon, `fp-k8s-run-as-root-${search[1]}`),
  ],
  exempted: [
    finding('k8s-host-path', 'high', ...checkout, {
      exemptedBy: { file: checkout[0], line: 8, expires: '2099-12-31' },
    }),
    finding('k8s-run-as-root', 'high', ...search, {
      exemptedBy: { file: search[0], line: 9, expires: soon },
    }),
  ],
  problems: [],
};

/** The table's rows as the text of each cell, the header row left out. */
async function rowsOf(page: Page, label: string): Promise<string[][]> {
  const table = page.getByRole('region', { name: label, exact: true });
  await table.getByRole('row').nth(1).waitFor();
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
}

describe('portal end to end: guardrails', () => {
  let portal: Portal;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    page = portal.page;
    mkdirSync(artifacts, { recursive: true });
    const target = encodeURIComponent('github.com/acme/monorepo');
    const uploaded = await portal.steward.call(
      'PUT',
      `/api/v1/guardrails/scans/${target}`,
      portal.steward.adminToken(),
      scan,
    );
    expect(uploaded.status, await uploaded.clone().text()).toBe(200);
    expect(await uploaded.json()).toMatchObject({ findings: 3, exempted: 2, exemptions: 3 });
    await page.goto(`${portal.steward.url}/guardrails`);
    await signIn(page, 'amara-nwosu');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  it('counts open findings by team and by service, and narrows the list to a team', async () => {
    await page.getByRole('heading', { name: 'Guardrails', level: 1 }).waitFor();
    // team, critical, high, medium, low, info, open, exempted
    expect(await rowsOf(page, 'Open findings by team')).toEqual([
      ['payments', '1', '0', '1', '0', '0', '2', '1'],
      ['storefront', '0', '0', '1', '0', '0', '1', '1'],
    ]);
    expect(await rowsOf(page, 'Open findings by service')).toEqual([
      ['checkout-api', '1', '0', '1', '0', '0', '2', '1'],
      ['search-api', '0', '0', '1', '0', '0', '1', '1'],
    ]);
    const list = await rowsOf(page, 'Open findings');
    expect(list.map((cells) => [cells[0], cells[1], cells[4], cells[5]])).toEqual([
      ['critical', 'k8s-privileged', 'payments', 'checkout-api'],
      ['medium', 'k8s-writable-root-filesystem', 'payments', 'checkout-api'],
      ['medium', 'k8s-image-tag', 'storefront', 'search-api'],
    ]);
    await page.screenshot({ path: join(artifacts, 'portal-guardrails-findings.png'), fullPage: true });
    await page.getByRole('link', { name: '2 open findings of payments' }).click();
    await page.waitForURL(/team=group%3Adefault%2Fpayments/);
    await page.getByRole('region', { name: 'Open findings by team' }).getByRole('row').nth(1).waitFor();
    await page.waitForLoadState('networkidle');
    expect((await rowsOf(page, 'Open findings')).map((cells) => cells[1])).toEqual([
      'k8s-privileged',
      'k8s-writable-root-filesystem',
    ]);
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it("shows a team's and a service's open findings by severity on their pages", async () => {
    await page.goto(`${portal.steward.url}/teams/payments`);
    const counts = page.getByLabel('Open findings of Payments by severity');
    await counts.waitFor();
    expect(await figures(counts)).toEqual({
      critical: '1',
      high: '0',
      medium: '1',
      low: '0',
      info: '0',
      exempted: '1',
    });
    await page.getByRole('link', { name: 'Open findings of Payments' }).click();
    await page.waitForURL(/\/guardrails\?team=payments/);
    expect((await rowsOf(page, 'Open findings')).map((cells) => cells[1])).toEqual([
      'k8s-privileged',
      'k8s-writable-root-filesystem',
    ]);
    await page.goto(`${portal.steward.url}/catalog/component/default/search-api`);
    const service = page.getByLabel('Open findings of search-api by severity');
    await service.waitFor();
    expect(await figures(service)).toEqual({
      critical: '0',
      high: '0',
      medium: '1',
      low: '0',
      info: '0',
      exempted: '1',
    });
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('lists the exemptions, the soonest to expire first, expired and expiring soon marked', async () => {
    await page.goto(`${portal.steward.url}/guardrails/exemptions`);
    const rows = await rowsOf(page, 'Exemptions');
    // rule, expires, reason, approver, where, team, service, findings
    expect(rows.map((cells) => [cells[0], cells[1], cells[5], cells[6]])).toEqual([
      ['k8s-image-tag', 'expired 2020-01-01', 'storefront', 'search-api'],
      ['k8s-run-as-root', `10 days left ${soon}`, 'storefront', 'search-api'],
      ['k8s-host-path', '2099-12-31', 'payments', 'checkout-api'],
    ]);
    expect(rows[2]?.[2]).toBe('k8s-host-path is needed here');
    expect(rows[2]?.[3]).toBe('@sre');
    const classes = await page
      .getByRole('region', { name: 'Exemptions' })
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.className));
    expect(classes).toEqual(['table__row--expired', 'table__row--expiring', '']);
    await page.screenshot({ path: join(artifacts, 'portal-guardrails-exemptions.png'), fullPage: true });
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

async function figures(list: ReturnType<Page['getByLabel']>): Promise<Record<string, string>> {
  return list.evaluate((dl) =>
    Object.fromEntries(
      [...dl.querySelectorAll('div')].map((pair) => [
        pair.querySelector('dt')?.textContent ?? '',
        pair.querySelector('dd')?.textContent ?? '',
      ]),
    ),
  );
}

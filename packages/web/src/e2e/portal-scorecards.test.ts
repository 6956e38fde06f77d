// End to end: scorecards in the portal, on the demo organisation. What each page should show is worked
// out here from the demo's own files (examples/acme): a production component holds Bronze with an
// owner, a description and a tier; Silver when its team also has an EscalationPolicy and it links a
// runbook and its source; Gold when it also attaches an SLO, links a dashboard and has no high finding
// in the demo's scan of examples/acme/services. Kelsey, of Platform (which runs the scorecard), starts
// a campaign and closes it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  type DemoEntity,
  type Portal,
  readDemoEntities,
  signIn,
  startPortal,
} from './portal-harness.ts';

const annotations = (e: DemoEntity) =>
  ((e.metadata as { annotations?: Record<string, string> }).annotations ?? {}) as Record<string, string>;
const links = (e: DemoEntity) => e.metadata.links ?? [];
const policyOwners = new Set(
  readDemoEntities('org/oncall.yaml')
    .filter((e) => e.kind === 'EscalationPolicy')
    .map((e) => e.spec.owner as string),
);
const production = readDemoEntities('catalog/components.yaml').filter(
  (e) => e.spec.lifecycle === 'production',
);
const bronze = (e: DemoEntity) =>
  Boolean(e.spec.owner && e.metadata.description && annotations(e)['steward.dev/tier']);
const silver = (e: DemoEntity) =>
  bronze(e) &&
  policyOwners.has(e.spec.owner) &&
  links(e).some((l) => l.type === 'runbook') &&
  Boolean(annotations(e)['backstage.io/source-location']);
/**
 * The demo scans examples/acme/services at start: search-indexer's deploy.yaml runs a privileged
 * container with a password in its env, and web-shop's Dockerfile ends without a USER (root): high.
 */
const highFindings = new Set(['search-indexer', 'web-shop']);
const gold = (e: DemoEntity) =>
  silver(e) &&
  Boolean(annotations(e)['steward.dev/slo-spec']) &&
  links(e).some((l) => l.type === 'dashboard') &&
  !highFindings.has(e.metadata.name);
const golds = production.filter(gold).length;
const silvers = production.filter((e) => silver(e) && !gold(e)).length;
/** A production component held at Silver for want of an SLO. */
const noSlo = production.find((e) => silver(e) && !annotations(e)['steward.dev/slo-spec']) as DemoEntity;

async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `portal-scorecards-${name}.png`), fullPage: true });
}

describe('the portal: scorecards', () => {
  let portal: Portal;
  let page: Page;

  beforeAll(async () => {
    expect(production.length).toBeGreaterThan(golds + silvers - 1);
    expect(golds).toBeGreaterThan(0);
    expect(noSlo).toBeDefined();
    portal = await startPortal();
    page = portal.page;
    await page.goto(portal.steward.url);
    await signIn(page, 'kelsey-okafor');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  it('lists the scorecard with how many components hold each level', async () => {
    await page.goto(`${portal.steward.url}/scorecards`);
    const card = page.getByRole('region', { name: 'Production readiness' });
    await card.waitFor();
    const figure = (term: string) =>
      card.locator('.scorecard-levels__level', { hasText: term }).locator('dd');
    expect(await figure('Gold').textContent()).toBe(String(golds));
    expect(await figure('Silver').textContent()).toBe(String(silvers));
    expect(await card.textContent()).toContain(`${production.length} entities, 9 rules`);
    await snapshot(page, 'list');
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('shows every component judged, with its next step, and rolls up by domain', async () => {
    await page.goto(`${portal.steward.url}/scorecards/production-readiness`);
    const entities = page.getByRole('region', { name: 'Entities' });
    await entities.getByRole('link', { name: noSlo.metadata.name, exact: true }).waitFor();
    expect(await entities.getByRole('row').count()).toBe(production.length + 1);
    const row = entities
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: noSlo.metadata.name, exact: true }) });
    expect(await row.textContent()).toContain('Has an SLO (Gold): Write a Sloth spec in slos/');
    await page.getByLabel('Roll up by').selectOption('domain');
    const rollup = page.getByRole('region', { name: 'Roll-up by domain' });
    await rollup.getByRole('link', { name: 'commerce' }).waitFor();
    await snapshot(page, 'scorecard');
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it("shows on a component's page the level it holds and the next step for each failing rule", async () => {
    await page.goto(`${portal.steward.url}/catalog/component/default/${noSlo.metadata.name}`);
    const card = page.getByRole('region', { name: 'Scorecards' });
    await card.getByRole('link', { name: 'Production readiness' }).waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Silver');
    expect(text).toContain('To reach Gold');
    expect(text).toContain('Has an SLO (Gold): Write a Sloth spec in slos/');
    expect(text).toContain('Found: no SLO is attached (annotation steward.dev/slo-spec)');
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it("lists a team's components on its page", async () => {
    const payments = production.filter((e) => e.spec.owner === 'group:payments');
    await page.goto(`${portal.steward.url}/teams/payments`);
    const table = page.getByRole('region', { name: "Production readiness: Payments's services" });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.getByRole('row').count()).toBe(payments.length + 1);
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('lets Platform start a campaign to Gold, shows its progress, and close it', async () => {
    await page.goto(`${portal.steward.url}/scorecards/production-readiness`);
    const form = page.getByRole('form', { name: 'Start a campaign' });
    await form.getByLabel('Name').fill('Gold by spring');
    await form.getByLabel('Level to reach').selectOption('Gold');
    await form.getByLabel('Deadline').fill('2999-03-31');
    await form
      .getByLabel('Message to the teams')
      .fill('Attach an SLO and a dashboard to every production service.');
    await form.getByRole('button', { name: 'Start campaign' }).click();
    const campaign = page.getByRole('listitem', { name: /Gold by spring/ });
    await campaign.waitFor();
    const text = (await campaign.textContent()) ?? '';
    expect(text).toContain(`${golds} of ${production.length} there`);
    expect(text).toContain('Attach an SLO and a dashboard to every production service.');
    expect(text).toContain('by 2999-03-31');
    await snapshot(page, 'campaign');
    await campaign.getByRole('button', { name: 'Close Gold by spring' }).click();
    await campaign.getByText('Closed').waitFor();
    await page.goto(`${portal.steward.url}/scorecards`);
    await page
      .getByRole('listitem', { name: /Gold by spring/ })
      .getByText('Closed')
      .waitFor();
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

// End to end: the catalog and ownership pages against Steward serving the demo organisation.
// Every expectation comes from the demo's own files (examples/acme), never from what the portal shows.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  type DemoEntity,
  demoDir,
  type Portal,
  readDemoEntities,
  signIn,
  startPortal,
} from './portal-harness.ts';

const components = readDemoEntities('catalog/components.yaml');
const groups = readDemoEntities('org/groups.yaml');
const users = readDemoEntities('org/users.yaml');
const oncall = readDemoEntities('org/oncall.yaml');
const everything = [
  ...readDemoEntities('catalog/scorecards.yaml'),
  ...readDemoEntities('catalog-info.yaml'),
  ...components,
  ...readDemoEntities('catalog/apis.yaml'),
  ...readDemoEntities('catalog/resources.yaml'),
  ...readDemoEntities('catalog/systems.yaml'),
  ...groups,
  ...users,
  ...oncall,
];
const team = 'payments';
const teamName = groups.find((g) => g.metadata.name === team)?.spec.profile.displayName as string;
const ownedBy = (entity: DemoEntity, owner: string) => [owner, `group:${owner}`].includes(entity.spec?.owner);
const checkout = components.find((c) => c.metadata.name === 'checkout-api') as DemoEntity;
/** `component:cart-service` or `cart-service` (of a default kind) as the catalog page's href. */
const hrefOf = (ref: string, defaultKind: string) => {
  const [kind, name] = ref.includes(':') ? ref.split(':') : [defaultKind, ref];
  return `/catalog/${kind}/default/${name}`;
};

describe('portal end to end: catalog and ownership', () => {
  let portal: Portal;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    page = portal.page;
    mkdirSync(artifacts, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  it('pages through the whole catalog with Load more', async () => {
    await page.goto(`${portal.steward.url}/catalog`);
    await signIn(page, 'kelsey-okafor');
    await page.getByRole('heading', { level: 1, name: 'Catalog' }).waitFor();
    const rows = page.locator('.table--entities tbody tr');
    await rows.first().waitFor();
    while (await page.getByRole('button', { name: 'Load more' }).isVisible()) {
      const before = await rows.count();
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('.table--entities tbody tr').length > n,
        before,
      );
    }
    const shown = await page
      .locator('.entity-cell__name')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(shown).toHaveLength(everything.length);
    expect(new Set(shown).size).toBe(everything.length);
    expect(await page.locator('.results-count').textContent()).toContain(
      `${everything.length} of ${everything.length}`,
    );
  }, 60_000);

  it('filters by owner and kind through the facets, with counts, into a link that can be shared', async () => {
    await page
      .getByRole('navigation', { name: 'Filters' })
      .getByRole('link', { name: new RegExp(`^${teamName}\\s*\\d+$`) })
      .click();
    await page.waitForURL(`${portal.steward.url}/catalog?owner=${team}`);
    const teamComponents = components.filter((c) => ownedBy(c, team)).map((c) => c.metadata.name);
    const componentFacet = page
      .getByRole('navigation', { name: 'Filters' })
      .getByRole('link', { name: /^component\s*\d+$/ });
    // The facets are fetched after the URL changes: wait for the filtered counts, not the page before.
    await expect
      .poll(async () => (await componentFacet.textContent())?.replace('component', '').trim(), {
        timeout: 10_000,
      })
      .toBe(String(teamComponents.length));

    await componentFacet.click();
    await page.waitForURL(`${portal.steward.url}/catalog?kind=component&owner=${team}`);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.table--entities tbody tr').length === n,
      teamComponents.length,
    );
    const names = await page.locator('.entity-cell__name').allTextContents();
    expect(names.sort()).toEqual([...teamComponents].sort());
    const owners = new Set(await page.locator('.table--entities tbody td:nth-child(3)').allTextContents());
    expect([...owners]).toEqual([teamName]);
    expect(portal.pageErrors).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'portal-catalog.png'), fullPage: true });

    // The link alone, in a fresh tab, gives the same list.
    const shared = await portal.browser.newPage();
    await shared.goto(`${portal.steward.url}/catalog?kind=component&owner=${team}`);
    await shared.locator('.entity-cell__name').first().waitFor();
    expect((await shared.locator('.entity-cell__name').allTextContents()).sort()).toEqual(
      [...teamComponents].sort(),
    );
    await shared.close();
  }, 60_000);

  it('searches by words in names, titles, descriptions and tags', async () => {
    await page.getByLabel('Search the catalog').fill('checkout');
    await page.waitForURL(/q=checkout/);
    const expected = everything
      .filter((e) => ownedBy(e, team) && e.kind === 'Component')
      .filter((e) =>
        [
          `component:default/${e.metadata.name}`,
          e.metadata.title,
          e.metadata.description,
          ...(e.metadata.tags ?? []),
        ]
          .join(' ')
          .toLowerCase()
          .includes('checkout'),
      )
      .map((e) => e.metadata.name);
    expect(expected.length).toBeGreaterThan(0);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.table--entities tbody tr').length === n,
      expected.length,
    );
    expect((await page.locator('.entity-cell__name').allTextContents()).sort()).toEqual(expected.sort());
  }, 60_000);

  it('opens checkout-api: its owner, relations, source and dependency graph', async () => {
    await page.locator('.entity-cell__name', { hasText: /^checkout-api$/ }).click();
    await page.waitForURL(`${portal.steward.url}/catalog/component/default/checkout-api`);
    await page.getByRole('heading', { level: 1, name: 'checkout-api' }).waitFor();

    const about = page.getByRole('region', { name: 'Ownership and links' });
    expect(await about.getByRole('link', { name: teamName }).getAttribute('href')).toBe(`/teams/${team}`);
    // A directory source: the path on the server, which has no web page to link to.
    expect(await about.locator('code.location').textContent()).toBe(
      `${join(demoDir, checkout.file)}:${checkout.line}`,
    );
    const runbook = checkout.metadata.links?.find((link) => link.type === 'runbook')?.url;
    expect(await about.getByRole('link', { name: 'Runbook' }).getAttribute('href')).toBe(runbook);

    const relations = page.getByRole('region', { name: /^Relations/ });
    const group = (phrase: string) =>
      relations.locator('.relation-group', { has: page.getByRole('heading', { name: phrase, exact: true }) });
    const hrefsIn = (locator: ReturnType<typeof group>) =>
      locator.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')).sort());
    expect(await hrefsIn(group('Depends on'))).toEqual(
      checkout.spec.dependsOn.map((r: string) => hrefOf(r, 'component')).sort(),
    );
    expect(await hrefsIn(group('Consumes API'))).toEqual(
      checkout.spec.consumesApis.map((r: string) => hrefOf(r, 'api')).sort(),
    );

    // One step around it: everything it declares a relation to (ownership is on the boxes, not drawn).
    const graph = page.getByTestId('dependency-graph');
    await graph.waitFor();
    const neighbours = [
      ...checkout.spec.dependsOn.map((r: string) => hrefOf(r, 'component')),
      ...checkout.spec.consumesApis.map((r: string) => hrefOf(r, 'api')),
      ...checkout.spec.providesApis.map((r: string) => hrefOf(r, 'api')),
      hrefOf(checkout.spec.system, 'system'),
    ].sort();
    const drawn = await graph
      .locator('a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')).sort());
    expect(drawn).toEqual(neighbours);
    expect(await graph.locator('.graph-node--center').textContent()).toContain('checkout-api');
    expect(await graph.locator('path.graph-edge__line').count()).toBe(neighbours.length);
    // Each box names its owning team.
    const cart = components.find((c) => c.metadata.name === 'cart-service') as DemoEntity;
    const cartOwner = groups.find((g) => ownedBy(cart, g.metadata.name))?.spec.profile.displayName;
    expect(await graph.locator(`a[href="${hrefOf('cart-service', 'component')}"]`).textContent()).toContain(
      cartOwner,
    );
    expect(portal.pageErrors).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'portal-entity.png'), fullPage: true });

    await graph.locator(`a[href="${hrefOf('cart-service', 'component')}"]`).click();
    await page.waitForURL(`${portal.steward.url}/catalog/component/default/cart-service`);
    await page.getByRole('heading', { level: 1, name: 'cart-service' }).waitFor();
  }, 60_000);

  it('answers who owns services/checkout-api/main.go with the CODEOWNERS line that decided', async () => {
    const path = 'services/checkout-api/main.go';
    const codeowners = readFileSync(join(demoDir, 'CODEOWNERS'), 'utf8').split('\n');
    // GitHub: the last matching line wins; in the demo that is the line for the service's directory.
    const lineIndex = codeowners.findLastIndex((line) => line.startsWith('/services/checkout-api/'));
    const [, owner] = codeowners[lineIndex]?.trim().split(/\s+/) ?? [];

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Ownership' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ownership' }).waitFor();
    await page.getByLabel('Thing to ask about').fill(path);
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.waitForURL(`${portal.steward.url}/ownership?thing=${encodeURIComponent(path)}`);

    const answer = page.getByTestId('who-owns-answer');
    await answer.waitFor();
    const owners = answer.getByRole('list', { name: 'Owners' });
    expect(await owners.getByRole('link', { name: teamName }).getAttribute('href')).toBe(`/teams/${team}`);
    expect(await owners.locator('.answer__codeowner').textContent()).toBe(owner);
    const decided = answer.getByRole('definition');
    expect(await decided.nth(0).textContent()).toBe('CODEOWNERS');
    expect(await decided.nth(1).textContent()).toBe(`CODEOWNERS:${lineIndex + 1}`);
    expect(await decided.nth(2).textContent()).toBe('/services/checkout-api/');
    expect(await answer.locator('.answer__explanation').textContent()).toContain(path);
    await expectOrphansAsInTheFiles(page);
    expect(portal.pageErrors).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'portal-ownership.png'), fullPage: true });
  }, 60_000);

  it("lists what a team owns on the team's page, grouped by kind", async () => {
    await page.goto(`${portal.steward.url}/teams/${team}`);
    const owned = page.getByRole('region', { name: /^What this team owns/ });
    await owned.locator('.owned__group').first().waitFor();
    const kinds = ['Component', 'API', 'Resource', 'System', 'Domain'];
    for (const kind of kinds) {
      const expected = everything
        .filter((e) => e.kind === kind && ownedBy(e, team))
        .map((e) => e.metadata.title ?? e.metadata.name);
      const group = owned.getByRole('region', { name: `${kind.toLowerCase()} owned` });
      const names =
        (await group.count()) === 0 ? [] : await group.locator('.owned__name a').allTextContents();
      expect({ kind, names: names.sort() }).toEqual({ kind, names: expected.sort() });
    }
  }, 60_000);

  it('shows a source with problems, each at its file:line:col', async () => {
    // An upload with a name Backstage refuses: the problem is at the value, counted by hand below.
    const text =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Bad Name!\nspec:\n  type: service\n  lifecycle: production\n  owner: group:payments\n';
    const token = readFileSync(join(portal.dataDir, 'admin.token'), 'utf8').trim();
    const upload = await fetch(`${portal.steward.url}/api/v1/catalog/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'upload',
        name: 'e2e-broken',
        files: [{ path: 'catalog-info.yaml', content: text }],
      }),
    });
    // The server reads it as a job (202): wait for that before looking.
    expect(upload.status).toBe(202);
    const { job } = (await upload.json()) as { job: { url: string } };
    await waitForJob(`${portal.steward.url}${job.url}`, token);

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('link', { name: 'Sources & problems' }).click();
    const row = page.getByRole('row', { name: /e2e-broken/ });
    await row.waitFor();
    expect(await row.locator('.badge', { hasText: 'errors' }).count()).toBe(1);
    const problems = page.getByRole('region', { name: 'Problems in e2e-broken' });
    // Line 4 (`  name: Bad Name!`), column 9: the value after two spaces and "name: ".
    const problem = problems.getByRole('row', { name: /catalog-info\.yaml:4:9/ });
    await problem.waitFor();
    expect(await problem.locator('code.action').textContent()).toBe('invalid-name');
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('lists an entity rejected for errors on the sources page, and its page shows why instead of a 404', async () => {
    // spec.type must be a string (Backstage's Component schema agrees): line 6, column 9 is the 42.
    const text =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: e2e-rejected\nspec:\n  type: 42\n  lifecycle: production\n  owner: group:payments\n';
    const token = readFileSync(join(portal.dataDir, 'admin.token'), 'utf8').trim();
    const upload = await fetch(`${portal.steward.url}/api/v1/catalog/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'upload',
        name: 'e2e-rejected',
        files: [{ path: 'catalog-info.yaml', content: text }],
      }),
    });
    expect(upload.status).toBe(202);
    const { job } = (await upload.json()) as { job: { url: string } };
    await waitForJob(`${portal.steward.url}${job.url}`, token);

    await page.goto(`${portal.steward.url}/catalog/sources`);
    const rejected = page.getByRole('region', { name: 'Rejected entities' });
    await rejected.getByText('component:default/e2e-rejected').waitFor();
    expect(await rejected.textContent()).toContain('catalog-info.yaml:6:9');

    await page.goto(`${portal.steward.url}/catalog/component/default/e2e-rejected`);
    const shown = page.getByRole('region', { name: 'Rejected entity' });
    await shown.waitFor();
    expect(await shown.locator('.badge', { hasText: 'rejected' }).count()).toBe(1);
    expect(await shown.textContent()).toContain('catalog-info.yaml:6:9');
    expect(await shown.textContent()).toContain('spec.type must be');
    expect(portal.pageErrors).toEqual([]);
    // The next test starts where the previous one left off: on the sources page.
    await page.goto(`${portal.steward.url}/catalog/sources`);
  }, 60_000);

  it('reads a source again for an admin: the job runs, then what changed and its problems show', async () => {
    const token = readFileSync(join(portal.dataDir, 'admin.token'), 'utf8').trim();
    const promoted = await fetch(`${portal.steward.url}/api/v1/users/kelsey-okafor`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(promoted.status).toBe(200);
    await page.reload();
    if (await page.getByLabel('Handle').isVisible()) await signIn(page, 'kelsey-okafor');
    const row = page.getByRole('row', { name: /e2e-broken/ });
    await row.getByRole('button', { name: 'Read again' }).click();
    const outcome = page.getByRole('status', { name: 'Read e2e-broken' });
    await outcome.waitFor();
    expect(await outcome.locator('p').first().textContent()).toMatch(
      /^Read e2e-broken: 0 added, 0 updated, 0 removed, \d+ unchanged; 1 error, 0 warnings \(1 file, [\d.]+ s\)$/,
    );
    const problem = outcome.getByRole('row', { name: /catalog-info\.yaml:4:9/ });
    expect(await problem.locator('code.action').textContent()).toBe('invalid-name');
    await row.getByRole('button', { name: 'Read again' }).waitFor();
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

/** Polls a job's URL (as the admin) until it has finished; fails unless it succeeded. */
async function waitForJob(url: string, token: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const job = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      state: string;
      lastError: string | null;
    };
    if (job.state === 'succeeded') return;
    if (job.state === 'dead' || job.state === 'cancelled')
      throw new Error(`${url}: ${job.state}, ${job.lastError}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not finish within 30 s`);
}

/** The demo has no orphans: every owner exists, every team has people or sub-teams, every service a runbook. */
async function expectOrphansAsInTheFiles(page: Page): Promise<void> {
  const groupNames = new Set(groups.map((g) => g.metadata.name));
  const owned = everything.filter((e) =>
    ['Component', 'API', 'Resource', 'System', 'Domain'].includes(e.kind),
  );
  const unowned = owned.filter(
    (e) => !groupNames.has(String(e.spec?.owner ?? '').replace(/^group:/, '')),
  ).length;
  const memberless = groups.filter(
    (g) =>
      !users.some((u) => (u.spec.memberOf ?? []).includes(g.metadata.name)) &&
      !groups.some((other) => other.spec.parent === g.metadata.name),
  ).length;
  const noRunbook = components.filter(
    (c) => c.spec.type === 'service' && !(c.metadata.links ?? []).some((link) => link.type === 'runbook'),
  ).length;
  const count = (title: string) =>
    page
      .getByRole('region', { name: new RegExp(`^${title}`) })
      .locator('.count')
      .textContent();
  expect(await count('Entities without a valid owner')).toBe(String(unowned));
  expect(await count('Teams without members')).toBe(String(memberless));
  expect(await count('Services without a runbook')).toBe(String(noRunbook));
}

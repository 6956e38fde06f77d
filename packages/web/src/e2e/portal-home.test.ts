// End to end: home is the signed-in person's — their teams, what those teams own, its problems and
// recent changes — for a team lead, for a viewer, and for someone in no team yet; and no area is
// shown that does not exist. Expectations come from the demo's own files (examples/acme).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  type DemoEntity,
  demoPassword,
  type Portal,
  readDemoEntities,
  signIn,
  startPortal,
} from './portal-harness.ts';

const groups = readDemoEntities('org/groups.yaml');
const users = readDemoEntities('org/users.yaml');
const owned = [
  ...readDemoEntities('catalog/components.yaml'),
  ...readDemoEntities('catalog/apis.yaml'),
  ...readDemoEntities('catalog/resources.yaml'),
  ...readDemoEntities('catalog/systems.yaml'),
  // Schedules and escalation policies have owners too, and the home page counts them; so do scorecards.
  ...readDemoEntities('org/oncall.yaml'),
  ...readDemoEntities('catalog/scorecards.yaml'),
];
const user = (handle: string) => users.find((u) => u.metadata.name === handle) as DemoEntity;
const group = (name: string) => groups.find((g) => g.metadata.name === name) as DemoEntity;
const leadsOf = (team: DemoEntity) =>
  ((team.metadata as { annotations?: Record<string, string> }).annotations?.['steward.dev/leads'] ?? '')
    .split(',')
    .map((each) => each.trim());
/** Entity pages of what a team owns, by its spec.owner as written (`platform` or `group:platform`). */
const ownedBy = (team: string) => ownedAs([team, `group:${team}`, `group:default/${team}`]);
/** …and what a person owns themselves (`user:kelsey-okafor`). */
const ownedByPerson = (handle: string) => ownedAs([`user:${handle}`, `user:default/${handle}`]);
const ownedAs = (owners: string[]) =>
  owned
    .filter((e) => owners.includes(e.spec?.owner))
    .map((e) => `/catalog/${e.kind.toLowerCase()}/default/${e.metadata.name}`)
    .sort();

describe('portal end to end: home', () => {
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

  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  };

  it('shows a team lead their teams, what the teams own, its problems and recent changes', async () => {
    const kelsey = user('kelsey-okafor');
    await page.goto(portal.steward.url);
    await signIn(page, 'kelsey-okafor');
    const firstName = (kelsey.spec.profile.displayName as string).split(' ')[0];
    await page.getByRole('heading', { level: 1, name: `Welcome, ${firstName}` }).waitFor();

    const teams = page.getByRole('region', { name: /^Your teams/ });
    for (const name of kelsey.spec.memberOf as string[]) {
      const team = group(name);
      const item = teams.locator('.home-teams__item', {
        has: page.getByRole('link', { name: team.spec.profile.displayName, exact: true }),
      });
      await item.waitFor();
      const leads = leadsOf(team).includes('kelsey-okafor');
      expect({ team: name, lead: await item.getByText('lead', { exact: true }).count() }).toEqual({
        team: name,
        lead: leads ? 1 : 0,
      });
      const expected = ownedBy(name);
      expect(await item.textContent()).toContain(`owns ${expected.length} entit`);
    }

    const expected = [
      ...ownedByPerson('kelsey-okafor'),
      ...(kelsey.spec.memberOf as string[]).flatMap(ownedBy),
    ].sort();
    expect(expected.length).toBeGreaterThan(0);
    const ownedList = page.getByRole('region', { name: /^What you and your teams own/ });
    const shown = await ownedList
      .locator('.entity-cell__name')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(shown.sort()).toEqual(expected);

    // The demo validates clean (`steward catalog validate examples/acme`: 0 errors, 0 warnings).
    const problems = page.getByRole('region', { name: /^Problems in what you own/ });
    await problems.getByText('No validation problems and no dangling references').waitFor();

    const changes = page.getByRole('region', { name: 'Recent changes' });
    const changed = await changes
      .locator('.home-changes__entity')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(changed.length).toBeGreaterThan(0);
    for (const href of changed) expect(expected).toContain(href);
    expect(await page.title()).toBe('Home · Steward');
    await page.screenshot({ path: join(artifacts, 'portal-home-lead.png'), fullPage: true });
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('lists only areas that exist: no coming-soon cards, links or pages', async () => {
    const nav = page.getByRole('navigation', { name: 'Areas' });
    const areas = await nav
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(areas).toContain('/catalog');
    // Capabilities the product brief names that have no pages yet.
    for (const missing of ['/uptime']) {
      expect(areas).not.toContain(missing);
    }
    expect(await page.getByText(/coming soon|\bsoon\b/i).count()).toBe(0);
    for (const href of areas) {
      await page.goto(`${portal.steward.url}${href}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect({ href, heading: await page.getByRole('heading', { level: 1 }).textContent() }).not.toEqual({
        href,
        heading: 'Page not found',
      });
    }
    await page.goto(`${portal.steward.url}/uptime`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.goto(portal.steward.url);
    await signOut();
  }, 60_000);

  it('shows a viewer their team and what it owns', async () => {
    const hannah = user('hannah-meyer');
    await signIn(page, 'hannah-meyer');
    const teams = page.getByRole('region', { name: /^Your teams/ });
    for (const name of hannah.spec.memberOf as string[]) {
      await teams.getByRole('link', { name: group(name).spec.profile.displayName, exact: true }).waitFor();
      expect(leadsOf(group(name))).not.toContain('hannah-meyer');
    }
    expect(await teams.getByText('lead', { exact: true }).count()).toBe(0);
    const expected = [
      ...ownedByPerson('hannah-meyer'),
      ...(hannah.spec.memberOf as string[]).flatMap(ownedBy),
    ];
    const ownedList = page.getByRole('region', { name: /^What you and your teams own/ });
    if (expected.length === 0)
      await ownedList.getByText('Your teams own nothing in the catalog yet').waitFor();
    else {
      const shown = await ownedList
        .locator('.entity-cell__name')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(shown.sort()).toEqual(expected.sort());
    }
    await page.screenshot({ path: join(artifacts, 'portal-home-viewer.png'), fullPage: true });
    await signOut();
  }, 60_000);

  it('tells someone in no team how to join one, and where to start', async () => {
    const created = await portal.steward.call('POST', '/api/v1/users', portal.steward.adminToken(), {
      handle: 'new-starter',
      name: 'Noor Haddad',
      password: demoPassword,
    });
    expect(created.status).toBe(201);
    await signIn(page, 'new-starter');
    const card = page.getByRole('region', { name: 'You are not in a team yet' });
    await card.waitFor();
    for (const href of ['/teams', '/catalog', '/ownership']) {
      expect(await card.locator(`a[href="${href}"]`).count()).toBe(1);
    }
    expect(await page.getByRole('region', { name: /^Your teams/ }).count()).toBe(0);

    // Something of their own appears on their home as it is created, without a reload.
    const mine = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'onboarding-notes', description: 'What a new starter learns first.' },
      spec: { type: 'documentation', lifecycle: 'experimental', owner: 'user:new-starter' },
    };
    expect(
      (await portal.steward.call('POST', '/api/v1/entities', portal.steward.adminToken(), mine)).status,
    ).toBe(201);
    const ownedList = page.getByRole('region', { name: /^What you and your teams own/ });
    await ownedList.locator('.entity-cell__name', { hasText: /^onboarding-notes$/ }).waitFor();
    const changes = page.getByRole('region', { name: 'Recent changes' });
    await changes.getByRole('link', { name: 'component:onboarding-notes' }).waitFor();
    await card.waitFor();
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

// End to end: Steward serving the built portal with the demo organisation, driven by Chromium.
// Signs in through the form, opens Teams, checks the demo hierarchy and the live presence indicator.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { artifacts, expectSignedIn, type Portal, readDemoEntities, startPortal } from './portal-harness.ts';

// The demo's own files, read here rather than through Steward, so the test checks what the portal shows.
const demoTeams = readDemoEntities('org/groups.yaml').map((group) => ({
  name: group.metadata.name,
  displayName: (group.spec.profile?.displayName ?? group.metadata.name) as string,
  parent: (group.spec.parent ?? null) as string | null,
}));
const demoUsers = readDemoEntities('org/users.yaml');
const signInAs = { handle: 'kelsey-okafor', password: 'steward-demo' };
const signInName = demoUsers.find((user) => user.metadata.name === signInAs.handle)?.spec.profile.displayName;

describe('portal end to end', () => {
  let portal: Portal;
  let steward: Portal['steward'];
  let browser: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    portal = await startPortal();
    ({ steward, browser, page, pageErrors } = portal);
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  it('serves the portal at a deep link, and shows the problem detail when the password is wrong', async () => {
    const answer = await page.goto(`${steward.url}/people`);
    expect(answer?.status()).toBe(200);
    await page.getByLabel('Handle').fill(signInAs.handle);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).not.toBe('');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  }, 60_000);

  it('signs in, lists the demo teams as their hierarchy, and shows the user as online', async () => {
    await page.getByLabel('Password').fill(signInAs.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectSignedIn(page);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Teams' }).click();
    await page.waitForURL(`${steward.url}/teams`);
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();

    const tree = page.getByRole('region', { name: 'Team hierarchy' });
    await tree.waitFor();
    const shown = await parentsShownIn(page);
    const displayNameOf = new Map(demoTeams.map((team) => [team.name, team.displayName]));
    const expected = Object.fromEntries(
      demoTeams.map((team) => [
        team.displayName,
        team.parent ? (displayNameOf.get(team.parent) ?? null) : null,
      ]),
    );
    expect(shown).toEqual(expected);

    const online = page.getByRole('region', { name: 'Who is online' });
    const me = online.locator(`a[href="/people/${signInAs.handle}"]`);
    await me.waitFor({ state: 'attached' });
    expect(await me.textContent()).toContain(`${signInName} (you)`);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'portal-teams.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('counts the direct members of each team that has no sub-teams', async () => {
    const leaves = demoTeams.filter((team) => !demoTeams.some((other) => other.parent === team.name));
    for (const team of leaves) {
      const members = demoUsers.filter((user) => (user.spec.memberOf ?? []).includes(team.name)).length;
      const row = page.locator('.team-row', {
        has: page.getByRole('link', { name: team.displayName, exact: true }),
      });
      const shown = await row.locator('.team-row__members').textContent();
      expect({ team: team.name, shown }).toEqual({
        team: team.name,
        shown: `${members} ${members === 1 ? 'member' : 'members'}`,
      });
    }
  });

  it('updates who is online live as another person connects and leaves', async () => {
    const other = demoUsers.find((user) => user.metadata.name !== signInAs.handle)?.metadata.name as string;
    const login = await fetch(`${steward.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: other, password: signInAs.password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const socket = new WebSocket(`${steward.url.replace('http', 'ws')}/api/v1/stream`, {
      headers: { cookie },
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

    const online = page.getByRole('region', { name: 'Who is online' });
    const them = online.locator(`a[href="/people/${other}"]`);
    await them.waitFor({ state: 'attached' });
    socket.close();
    await them.waitFor({ state: 'detached' });
  }, 60_000);

  it('creates an API token, shows its secret once, and revokes it (changes carry the CSRF token)', async () => {
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.getByLabel('Name').fill('e2e-ci');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('token-secret').textContent();
    expect(secret?.length).toBeGreaterThan(20);

    // The secret works as a bearer token, independently of the browser's session.
    const me = await fetch(`${steward.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { handle: string } }).user.handle).toBe(signInAs.handle);

    page.once('dialog', (dialog) => dialog.accept());
    const row = page.getByRole('row', { name: /e2e-ci/ });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('revoked').waitFor();
    const after = await fetch(`${steward.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(after.status).toBe(401);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('signs out: back to the sign-in form, and the session no longer works', async () => {
    const cookies = await browser.cookies(steward.url);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await fetch(`${steward.url}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await fetch(`${steward.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
  }, 60_000);
});

/** Each team shown, by display name, mapped to the team it is drawn under (null at the top). */
function parentsShownIn(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() => {
    const parents: Record<string, string | null> = {};
    const nameIn = (item: Element) =>
      item.querySelector(':scope > .team-row .team-row__name')?.textContent ?? '';
    for (const item of document.querySelectorAll('.team-tree__item')) {
      const parentItem = item.parentElement?.closest('.team-tree__item');
      parents[nameIn(item)] = parentItem ? nameIn(parentItem) : null;
    }
    return parents;
  });
}

// End to end: Steward serving the built portal with the demo organisation, driven by Chromium.
// Signs in through the form, opens Teams, checks the demo hierarchy and the live presence indicator.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseAllDocuments } from 'yaml';
import { loadServeConfig } from '../../../steward/src/platform/config.ts';
import { silentLogger } from '../../../steward/src/platform/logging.ts';
import { type RunningSteward, serve } from '../../../steward/src/server/serve.ts';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const artifacts = join(repoRoot, 'test-artifacts');
const demoOrg = join(repoRoot, 'examples/acme/org');
const chromiumPath = '/usr/bin/chromium';

// The demo's own files, read here rather than through Steward, so the test checks what the portal shows.
const demoTeams = readEntities('groups.yaml').map((group) => ({
  name: group.metadata.name as string,
  displayName: (group.spec.profile?.displayName ?? group.metadata.name) as string,
  parent: (group.spec.parent ?? null) as string | null,
}));
const demoUsers = readEntities('users.yaml');
const signInAs = { handle: 'kelsey-okafor', password: 'steward-demo' };
const signInName = demoUsers.find((user) => user.metadata.name === signInAs.handle)?.spec.profile.displayName;

describe('portal end to end', () => {
  let steward: RunningSteward;
  let browser: BrowserContext;
  let page: Page;
  const dirs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const config = loadServeConfig(
      { port: '0', host: '127.0.0.1', dataDir: tempDir('steward-e2e-data-'), demo: true },
      { STEWARD_LOG_LEVEL: 'warn', STEWARD_LOG_FORMAT: 'json' },
      false,
    );
    if (!existsSync(join(config.webDir, 'index.html'))) {
      throw new Error(
        `the portal is not built (${config.webDir}/index.html is missing): run \`npm run build\` first`,
      );
    }
    if (!existsSync(chromiumPath)) {
      throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium)`);
    }
    steward = await serve(config, silentLogger());
    browser = await chromium.launchPersistentContext(tempDir('steward-e2e-chromium-'), {
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 800 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await steward?.shutdown('test finished');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  }

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

/** Waits for the signed-in frame; if the form shows a problem instead, fails with its words. */
async function expectSignedIn(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Areas' });
  const problem = page.getByRole('alert');
  await nav.or(problem).first().waitFor();
  if (await problem.isVisible()) throw new Error(`sign-in failed: ${await problem.textContent()}`);
}

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

// biome-ignore lint/suspicious/noExplicitAny: YAML entities are checked by the assertions that use them
function readEntities(file: string): any[] {
  const text = readFileSync(join(demoOrg, file), 'utf8');
  return parseAllDocuments(text)
    .map((doc) => doc.toJS())
    .filter(Boolean);
}

// End to end as an administrator: add a person, give them a role, reset their password and sign in
// as them (who then changes it themselves); create a team with them as lead, who then adds a member;
// add a directory as a catalog source and see its read complete. As a viewer: the admin pages are not offered, and say so if
// opened. What the portal did is checked through the API, not through the portal itself.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSignedIn, type Portal, signIn, startPortal } from './portal-harness.ts';

const adminPages = ['Accounts', 'Memberships', 'Import sources'];
const riley = { handle: 'e2e-riley', name: 'Riley Tester' };

describe('portal end to end: administration', () => {
  let portal: Portal;
  let page: Page;
  let adminToken: string;
  let catalogDir: string;
  let password = '';

  const api = async (path: string) => {
    const response = await fetch(`${portal.steward.url}${path}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const nav = () => page.getByRole('navigation', { name: 'Areas' });
  const openArea = async (label: string) => {
    await nav().getByRole('link', { name: label }).click();
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Handle').waitFor();
  };
  const secretShown = async (title: string) => {
    const callout = page.getByRole('region', { name: title });
    await callout.waitFor();
    return ((await callout.getByTestId('shown-once-secret').textContent()) ?? '').trim();
  };

  beforeAll(async () => {
    portal = await startPortal();
    page = portal.page;
    page.on('dialog', (dialog) => void dialog.accept());
    adminToken = readFileSync(join(portal.dataDir, 'admin.token'), 'utf8').trim();
    catalogDir = mkdtempSync(join(tmpdir(), 'e2e-admin-dir-'));
    // Self-contained (its owner is in it too), so the read has nothing to warn about.
    writeFileSync(
      join(catalogDir, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: e2e-uploaders\nspec:\n  type: team\n  children: []\n',
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: e2e-uploaded\nspec:\n  type: service\n  lifecycle: experimental\n  owner: group:e2e-uploaders\n',
      ].join('---\n'),
    );
    writeFileSync(join(catalogDir, 'main.go'), 'package main\n');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
    if (catalogDir) rmSync(catalogDir, { recursive: true, force: true });
  });

  it('adds a person, whose first password is shown once', async () => {
    await page.goto(`${portal.steward.url}/`);
    await signIn(page, 'admin', readFileSync(join(portal.dataDir, 'admin.password'), 'utf8').trim());
    await openArea('Accounts');
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Handle').fill(riley.handle);
    await form.getByLabel('Full name').fill(riley.name);
    await form.getByLabel('Role').selectOption('viewer');
    await form.getByRole('button', { name: 'Add person' }).click();
    const first = await secretShown(`${riley.name} added`);
    expect(first).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const created = await api(`/api/v1/users/${riley.handle}`);
    expect(created).toMatchObject({ status: 200, body: { name: riley.name, role: 'viewer' } });
  }, 60_000);

  it('changes their role and resets their password', async () => {
    await page.getByRole('button', { name: 'I have passed it on' }).click();
    await page.getByLabel(`Role of ${riley.name}`).selectOption('member');
    await expect.poll(async () => (await api(`/api/v1/users/${riley.handle}`)).body.role).toBe('member');
    await page.getByRole('button', { name: `Reset password of ${riley.name}` }).click();
    password = await secretShown(`New password for ${riley.name}`);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  }, 60_000);

  it('creates a team and makes the new person its lead', async () => {
    await openArea('Memberships');
    const form = page.getByRole('form', { name: 'Create a team' });
    await form.getByLabel('Name', { exact: true }).fill('e2e-squad');
    await form.getByLabel('Parent team').selectOption('storefront');
    await form.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('button', { name: 'Members of e2e-squad' }).click();
    const adding = page.getByRole('form', { name: 'Add a member to e2e-squad' });
    await adding.getByLabel('Person to add').selectOption(riley.handle);
    await adding.getByLabel('Their role in the team').selectOption('lead');
    await adding.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('button', { name: `Remove ${riley.name} from e2e-squad` }).waitFor();
    expect((await api('/api/v1/teams/e2e-squad')).body).toMatchObject({
      parent: 'storefront',
      members: [{ handle: riley.handle, role: 'lead' }],
    });
  }, 60_000);

  it("creates an API token for the new person, within their role, and lists everyone's tokens", async () => {
    await openArea('API tokens');
    const form = page.getByRole('form', { name: 'New token' });
    await form.getByLabel('Name').fill('e2e-for-riley');
    await form.getByLabel('For').selectOption(riley.handle);
    // Riley is a member: a token for them may read and write, never administer.
    expect(await form.getByRole('checkbox').count()).toBe(2);
    await form.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('region', { name: 'Token “e2e-for-riley” created' }).waitFor();
    const row = page.getByRole('row', { name: /e2e-for-riley/ });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe(riley.handle);
    const tokens = (await api('/api/v1/tokens')).body.items as {
      name: string;
      owner: string;
      scopes: string[];
    }[];
    expect(tokens.find((token) => token.name === 'e2e-for-riley')).toMatchObject({
      owner: riley.handle,
      scopes: ['read'],
    });
  }, 60_000);

  it('adds a directory as a catalog source and shows the read complete', async () => {
    await openArea('Import sources');
    const form = page.getByRole('form', { name: 'Add a source' });
    await form.getByLabel('Directory', { exact: true }).setInputFiles(catalogDir);
    await form.getByRole('button', { name: 'Add source' }).click();
    const name = basename(catalogDir);
    const outcome = page.getByRole('status', { name: `Read ${name}` });
    await outcome.waitFor();
    expect(await outcome.locator('p').first().textContent()).toMatch(
      new RegExp(
        `^Read ${name}: 2 added, 0 updated, 0 removed, 0 unchanged; 0 errors, 0 warnings \\(1 file, [\\d.]+ s\\)$`,
      ),
    );
    await page.getByRole('row', { name: new RegExp(name) }).waitFor();
    const sources = (await api('/api/v1/catalog/sources')).body.items as { name: string; kind: string }[];
    expect(sources.find((source) => source.name === name)).toMatchObject({ kind: 'upload', status: 'ok' });
    const entity = await api('/api/v1/entities/component/default/e2e-uploaded');
    expect(entity).toMatchObject({ status: 200, body: { file: 'catalog-info.yaml' } });
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('signs in as the new person, who changes their own password (the wrong current one said inline)', async () => {
    await signOut();
    await signIn(page, riley.handle, password);
    for (const label of ['Accounts', 'Import sources'])
      expect(await nav().getByRole('link', { name: label }).count()).toBe(0);
    await page
      .getByRole('link', { name: new RegExp(riley.name) })
      .first()
      .click();
    const form = page.getByRole('form', { name: 'Change your password' });
    await form.getByLabel('Current password').fill('not my password at all');
    await form.getByLabel('New password (at least 10 characters)').fill('riley chose this one');
    await form.getByLabel('New password again').fill('riley chose this one');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('That is not your current password; nothing was changed.').waitFor();
    expect(await form.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Current password').fill(password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
    const login = await fetch(`${portal.steward.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: riley.handle, password: 'riley chose this one' }),
    });
    expect(login.status).toBe(200);
  }, 60_000);

  it('lets the new person, as lead of their team, change its members (and only its members)', async () => {
    await openArea('Memberships');
    expect(await page.getByRole('form', { name: 'Create a team' }).count()).toBe(0);
    const adding = page.getByRole('form', { name: 'Add a member to e2e-squad' });
    await adding.getByLabel('Person to add').selectOption('hannah-meyer');
    await adding.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('button', { name: 'Remove Hannah Meyer from e2e-squad' }).waitFor();
    const members = (await api('/api/v1/teams/e2e-squad')).body.members as { handle: string }[];
    expect([...members].sort((a, b) => a.handle.localeCompare(b.handle))).toEqual([
      { handle: riley.handle, name: riley.name, role: 'lead' },
      { handle: 'hannah-meyer', name: 'Hannah Meyer', role: 'member' },
    ]);
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('offers a viewer no admin pages, and says "admins only" when one is opened anyway', async () => {
    await signOut();
    await signIn(page, 'hannah-meyer');
    await expectSignedIn(page);
    for (const label of adminPages) expect(await nav().getByRole('link', { name: label }).count()).toBe(0);
    for (const path of ['/admin/people', '/admin/teams', '/admin/sources']) {
      await page.goto(`${portal.steward.url}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Admins only' }).waitFor();
      expect(await page.getByRole('button', { name: /Add|Create|Reset|Remove|Delete/ }).count()).toBe(0);
    }
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

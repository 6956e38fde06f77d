// End to end: two people looking at the same pages see the same thing. An edit made through the API
// reaches both browsers over the live channel, and their pages change without a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenBrowser, type Portal, signIn, startPortal } from './portal-harness.ts';

const component = (name: string, description: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, description },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'group:platform' },
});

/** Marks the page's window; the mark survives in-page updates and is lost by any reload. */
const mark = (page: Page) => page.evaluate(() => Object.assign(window, { stewardLiveMark: true }));
const stillMarked = (page: Page) =>
  page.evaluate(() => (window as unknown as { stewardLiveMark?: boolean }).stewardLiveMark === true);

describe('portal end to end: live updates', () => {
  let portal: Portal;
  let lead: Page;
  let viewer: OpenBrowser;
  let token: string;
  const send = (method: string, path: string, body?: unknown) =>
    portal.steward.call(method, path, token, body);

  beforeAll(async () => {
    portal = await startPortal();
    token = portal.steward.adminToken();
    lead = portal.page;
    viewer = await portal.openAnotherBrowser();
    await lead.goto(portal.steward.url);
    await signIn(lead, 'kelsey-okafor');
    await viewer.page.goto(portal.steward.url);
    await signIn(viewer.page, 'hannah-meyer');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  const both = () => [lead, viewer.page];

  it('shows a new entity in the catalog list and on the owning team’s page without a reload', async () => {
    await lead.goto(`${portal.steward.url}/teams/platform`);
    await viewer.page.goto(`${portal.steward.url}/catalog?q=live-echo`);
    await lead
      .getByRole('region', { name: /^What this team owns/ })
      .getByRole('link')
      .first()
      .waitFor();
    await viewer.page.getByText('No entity matches these filters').waitFor();
    for (const page of both()) await mark(page);

    expect((await send('POST', '/api/v1/entities', component('live-echo', 'Echoes events.'))).status).toBe(
      201,
    );

    const owned = lead.getByRole('region', { name: /^What this team owns/ });
    await owned.getByRole('link', { name: 'live-echo', exact: true }).waitFor();
    await viewer.page.locator('.entity-cell__name', { hasText: /^live-echo$/ }).waitFor();
    for (const page of both()) expect(await stillMarked(page)).toBe(true);
  }, 60_000);

  it('changes the entity page in both browsers when the entity is edited through the API', async () => {
    const url = `${portal.steward.url}/catalog/component/default/live-echo`;
    for (const page of both()) {
      await page.goto(url);
      await page.getByText('Echoes events.').first().waitFor();
      await mark(page);
    }

    const edited = await send(
      'PUT',
      '/api/v1/entities/component/default/live-echo',
      component('live-echo', 'Echoes every order event.'),
    );
    expect(edited.status).toBe(200);

    for (const page of both()) {
      await page.getByText('Echoes every order event.').first().waitFor();
      // The history and the YAML follow too, not only the heading.
      await page.getByRole('region', { name: 'History' }).getByText('updated', { exact: true }).waitFor();
      // The history loads on its own and may show the new description before the entity does:
      // wait for the YAML itself to follow.
      await page.getByTestId('entity-yaml').getByText('description: Echoes every order event.').waitFor();
      expect(await stillMarked(page)).toBe(true);
    }

    expect((await send('DELETE', '/api/v1/entities/component/default/live-echo')).status).toBe(204);
    for (const page of both()) {
      // The entity route never shows a bare 404: it says the entity is not in this catalog (any more).
      await page.getByRole('region', { name: 'Entity not found' }).getByText('not in this catalog').waitFor();
      expect(await stillMarked(page)).toBe(true);
    }
    expect(portal.pageErrors).toEqual([]);
    expect(viewer.pageErrors).toEqual([]);
  }, 60_000);
});

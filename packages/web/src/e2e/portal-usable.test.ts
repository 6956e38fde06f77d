// End to end: the portal's shared tools against the demo organisation: the top bar's search (keyboard
// first), sorting a table by its headers, and filtering the audit log. Expectations come from the
// demo's files or from properties any right answer has, never from what the portal showed before.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portal, readDemoEntities, signIn, startPortal } from './portal-harness.ts';

const users = readDemoEntities('org/users.yaml');
const groups = readDemoEntities('org/groups.yaml');
const grace = users.find((u) => u.metadata.name === 'grace-hopper');
const payments = groups.find((g) => g.metadata.name === 'payments');

describe('portal end to end: search, sorting and audit filters', () => {
  let portal: Portal;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    page = portal.page;
    const password = readFileSync(join(portal.dataDir, 'admin.password'), 'utf8').trim();
    await page.goto(`${portal.steward.url}/`);
    await signIn(page, 'admin', password);
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  it('focuses the search with /, lists entities, teams and people, and opens one with the keyboard', async () => {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Search Steward' });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);

    await box.pressSequentially('checkout');
    const results = page.getByRole('listbox', { name: 'Search results' });
    const checkout = results.getByRole('option', { name: /component · checkout-api$/ });
    await checkout.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    // The first option is active; arrows move to the one wanted, Enter opens it.
    const options = results.getByRole('option');
    const index = (await options.allTextContents()).findIndex((text) =>
      text.includes('component · checkout-api'),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await checkout.getAttribute('id'));
    await box.press('Enter');
    await page.waitForURL(`${portal.steward.url}/catalog/component/default/checkout-api`);

    await page.keyboard.press('/');
    await box.pressSequentially(payments?.spec.profile.displayName ?? 'payments');
    await results.getByRole('option', { name: /team · payments/ }).click();
    await page.waitForURL(`${portal.steward.url}/teams/payments`);

    await page.keyboard.press('/');
    await box.pressSequentially('grace hop');
    await results.getByRole('option', { name: new RegExp(grace?.spec.profile.displayName) }).waitFor();
    await box.press('Enter');
    await page.waitForURL(`${portal.steward.url}/people/grace-hopper`);

    await page.keyboard.press('/');
    await box.pressSequentially('no such thing anywhere');
    await page.getByText('Nothing matches “no such thing anywhere”.').waitFor();
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('sorts the people table by a header, with a click or the keyboard, and says how with aria-sort', async () => {
    await page.goto(`${portal.steward.url}/people`);
    const table = page.getByRole('table', { name: 'People' });
    await table.getByRole('row').nth(1).waitFor();
    const nameHeader = table.getByRole('columnheader', { name: /Name/ });
    expect(await nameHeader.getAttribute('aria-sort')).toBeNull();

    await nameHeader.getByRole('button', { name: /Name/ }).click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expectOrdered(await firstCells(table, 'a'), 1);

    await nameHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    expectOrdered(await firstCells(table, 'a'), -1);
    // Every demo person is still there, sorting only reorders.
    const shown = new Set(await firstCells(table, 'a'));
    for (const user of users) expect(shown).toContain(user.spec.profile.displayName);

    const roleHeader = table.getByRole('columnheader', { name: /Role/ });
    await roleHeader.getByRole('button').click();
    expect(await roleHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await nameHeader.getAttribute('aria-sort')).toBeNull();
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('filters the audit log by who, action, subject and time, in the link and through the API', async () => {
    await page.goto(`${portal.steward.url}/admin/audit`);
    const form = page.getByRole('form', { name: 'Filter the log' });
    await form.getByLabel('Who').fill('system:first-start');
    await form.getByLabel('Action').fill('token.create');
    await form.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/admin\/audit\?actor=system%3Afirst-start&action=token.create$/);
    const table = page.getByRole('table', { name: 'Audit entries' });
    await table.getByRole('row').nth(1).waitFor();
    // First start creates one admin token, and the demo creates none by that actor.
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).locator('code.action').textContent()).toBe('token.create');

    await form.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(`${portal.steward.url}/admin/audit`);
    await form.getByLabel('Subject', { exact: true }).fill('grace-hopper');
    await form.getByLabel('Until').fill('2000-01-01T00:00');
    await form.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No entry matches these filters.').waitFor();

    await form.getByLabel('From').fill('2000-02-01T00:00');
    await form.getByRole('button', { name: 'Apply filters' }).click();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/since .* must be before .*until/);
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

/** The text of the elements matching `selector` in the body rows' first cells, top to bottom. */
async function firstCells(table: Locator, selector: string): Promise<string[]> {
  return table.locator(`tbody tr td:first-child ${selector}`).allTextContents();
}

function expectOrdered(texts: string[], sign: 1 | -1) {
  expect(texts.length).toBeGreaterThan(1);
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  for (let i = 1; i < texts.length; i++) {
    expect(sign * collator.compare(texts[i - 1] as string, texts[i] as string)).toBeLessThanOrEqual(0);
  }
}

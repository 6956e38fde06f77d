// End to end: on call and alerts in the portal, on the demo organisation (its payments Schedule and
// EscalationPolicy). The board shows who the API says is on call; an alert sent as Alertmanager sends
// it appears in the list without a reload, its page shows the route's hops, and Acknowledge changes
// its status; an override made in the schedule page's form shows up and can be removed; a shift is
// swapped from the schedule page and from my shifts (a stale one's refusal shown in words); and the
// payments noise report, reached from the team page, shows what the API computes.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, type Portal, signIn, startPortal } from './portal-harness.ts';

/** A full-page picture in test-artifacts, for a person to look at what the test saw. */
async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `portal-oncall-${name}.png`), fullPage: true });
}

/** A webhook v4 message shaped like Alertmanager 0.25's (fixtures/alertmanager-0.25/03-…). */
function webhook(fingerprint: string, summary: string) {
  const labels = {
    alertname: 'HighErrorRate',
    instance: fingerprint,
    service: 'checkout',
    severity: 'critical',
  };
  return {
    receiver: 'portal-e2e',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example.invalid:9090/graph',
        fingerprint,
      },
    ],
    groupLabels: { alertname: 'HighErrorRate', service: 'checkout' },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.invalid:9093',
    version: '4',
    groupKey: `{}:{alertname="HighErrorRate", instance="${fingerprint}"}`,
    truncatedAlerts: 0,
  };
}

const mark = (page: Page) => page.evaluate(() => Object.assign(window, { stewardLiveMark: true }));
const stillMarked = (page: Page) =>
  page.evaluate(() => (window as unknown as { stewardLiveMark?: boolean }).stewardLiveMark === true);

describe('portal end to end: on call and alerts', () => {
  let portal: Portal;
  let page: Page;
  let token: string;
  let key: string;
  const send = (method: string, path: string, body?: unknown) =>
    portal.steward.call(method, path, token, body);
  const json = async (method: string, path: string, body?: unknown) => {
    const response = await send(method, path, body);
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    // biome-ignore lint/suspicious/noExplicitAny: the test reads the fields it checks
    return (await response.json()) as any;
  };

  beforeAll(async () => {
    portal = await startPortal();
    token = portal.steward.adminToken();
    page = portal.page;
    const integration = await json('POST', '/api/v1/integrations', {
      type: 'alertmanager',
      name: 'portal-e2e',
      service: 'component:default/checkout-api',
    });
    key = integration.key;
    await page.goto(portal.steward.url);
    // A payments engineer: member of the team that owns checkout-api and its schedule.
    await signIn(page, 'amara-nwosu');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  it('shows on the board who the payments policy pages first now', async () => {
    const answer = await json('GET', '/api/v1/oncall?team=payments');
    const first = answer.oncall.find((entry: { level: number }) => entry.level === 1);
    expect(first, 'the demo payments rota has someone at level 1 at every moment').toBeDefined();
    const handle = String(first.user).split('/').pop() as string;

    await page.goto(`${portal.steward.url}/oncall`);
    const card = page.getByRole('region', { name: 'Payments' });
    const level1 = card.getByRole('listitem').filter({ hasText: 'Level 1' }).first();
    await level1.getByRole('link', { name: handle, exact: true }).waitFor();
    expect(await level1.textContent()).toContain('payments-primary');
    await snapshot(page, 'board');
    // Every schedule is listed, each with its person on call now.
    await page
      .getByRole('region', { name: 'Schedules' })
      .getByRole('link', { name: 'payments-primary' })
      .waitFor();
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('shows a new Alertmanager alert live, its hops, and acknowledges it', async () => {
    await page.goto(`${portal.steward.url}/alerts`);
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await mark(page);

    const summary = `Checkout 5xx above 5% (${Date.now()})`;
    const sent = await portal.steward.call(
      'POST',
      `/api/v1/integrations/alertmanager/${key}`,
      undefined,
      webhook(`e2e${Date.now().toString(16)}`, summary),
    );
    expect(sent.status).toBeLessThan(300);

    const row = page.getByRole('region', { name: 'Alerts' }).getByRole('link', { name: summary });
    await row.waitFor();
    expect(await stillMarked(page)).toBe(true);

    await row.click();
    await page.getByRole('heading', { name: summary, level: 1 }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    const detail = await json('GET', `/api/v1/alerts/${encodeURIComponent(id)}`);
    expect(detail.hops.length).toBeGreaterThan(0);
    const hops = page.getByRole('list', { name: 'Hops' }).getByRole('listitem');
    await hops.nth(detail.hops.length - 1).waitFor();
    expect(await hops.count()).toBe(detail.hops.length);
    expect(await hops.first().textContent()).toContain(detail.hops[0].text);
    expect(await page.getByTestId('alert-status').textContent()).toBe('triggered');
    await snapshot(page, 'alert');

    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByTestId('alert-status').filter({ hasText: 'acknowledged' }).waitFor();
    const after = await json('GET', `/api/v1/alerts/${encodeURIComponent(id)}`);
    expect(after.status).toBe('acknowledged');
    expect(after.acknowledgedBy).toContain('amara-nwosu');
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('filters alerts by status, keeping the filter in the link', async () => {
    await page.goto(`${portal.steward.url}/alerts`);
    const alerts = page.getByRole('region', { name: 'Alerts' });
    await alerts.getByRole('link').first().waitFor();
    await page.getByLabel('Status').selectOption('resolved');
    await page.getByText('No alert matches these filters.').waitFor();
    expect(new URL(page.url()).search).toBe('?status=resolved');
    await page.getByLabel('Status').selectOption('acknowledged');
    // The alert acknowledged in the test before is the one there is.
    await alerts.getByRole('link', { name: /^Checkout 5xx above 5%/ }).waitFor();
    expect(await alerts.getByRole('row').count()).toBe(2);
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('shows who is on call now on the team and service pages, and says so when no policy exists', async () => {
    const levelOne = async (query: string) => {
      const answer = await json('GET', `/api/v1/oncall?${query}`);
      const first = answer.oncall.find((entry: { level: number }) => entry.level === 1);
      return String(first.user).split('/').pop() as string;
    };
    const firstOf = (region: ReturnType<Page['getByRole']>) =>
      region.getByRole('listitem').filter({ hasText: 'Level 1' }).first();

    await page.goto(`${portal.steward.url}/teams/payments`);
    const team = page.getByRole('region', { name: 'On call now' });
    await firstOf(team)
      .getByRole('link', { name: await levelOne('team=payments'), exact: true })
      .waitFor();

    await page.goto(`${portal.steward.url}/catalog/component/default/checkout-api`);
    const service = page.getByRole('region', { name: 'On call now' });
    const person = await levelOne(`service=${encodeURIComponent('component:default/checkout-api')}`);
    await firstOf(service).getByRole('link', { name: person, exact: true }).waitFor();

    // Engineering, the department, has no escalation policy of its own.
    expect((await json('GET', '/api/v1/oncall?team=engineering')).oncall).toEqual([]);
    await page.goto(`${portal.steward.url}/teams/engineering`);
    await page
      .getByRole('region', { name: 'On call now' })
      .getByText('No escalation policy reaches anyone for Engineering now.')
      .waitFor();
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('adds an override through the schedule page and removes it again', async () => {
    await page.goto(`${portal.steward.url}/oncall/schedules/default/payments-primary`);
    await page.getByText('Times in Europe/Berlin').waitFor();
    await page.getByRole('list', { name: 'Final schedule' }).getByRole('listitem').first().waitFor();

    const form = page.getByRole('form', { name: 'Put someone on call' });
    await form.getByLabel('Person').fill('jonas-weber');
    // Two days ahead, 10:00 to 14:00 Berlin wall time.
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('From (Europe/Berlin)').fill(`${day}T10:00`);
    await form.getByLabel('Until (Europe/Berlin)').fill(`${day}T14:00`);
    await form.getByRole('button', { name: 'Add override' }).click();

    const overrides = page.getByRole('region', { name: 'Overrides' });
    await overrides.getByRole('link', { name: 'jonas-weber' }).waitFor();
    await snapshot(page, 'schedule');
    const stored = await json('GET', '/api/v1/schedules/default/payments-primary/overrides');
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0].user).toBe('user:default/jonas-weber');
    // 10:00 in Berlin is 08:00 or 09:00 UTC depending on the season; 4 hours long either way.
    const from = new Date(stored.items[0].from);
    expect([8, 9]).toContain(from.getUTCHours());
    expect(new Date(stored.items[0].until).getTime() - from.getTime()).toBe(4 * 3_600_000);

    await overrides.getByRole('button', { name: /^Remove the override of jonas-weber/ }).click();
    await page.getByText('No overrides: the layers decide who is on call.').waitFor();
    expect((await json('GET', '/api/v1/schedules/default/payments-primary/overrides')).items).toEqual([]);
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('swaps a shift with a teammate from the schedule page', async () => {
    await page.goto(`${portal.steward.url}/oncall/schedules/default/payments-primary`);
    await page.getByRole('list', { name: 'Final schedule' }).getByRole('listitem').first().waitFor();
    const shifts = await json('GET', '/api/v1/schedules/default/payments-primary/shifts');
    // The second shift: the first may be under way, cut at the moment the page asked.
    const shift = shifts.final[1];
    const teammate = ['jonas-weber', 'sofia-garcia'].find(
      (h) => shift.user !== `user:default/${h}`,
    ) as string;

    const form = page.getByRole('form', { name: 'Swap a shift' });
    await form.getByLabel('Shift').selectOption({ index: 1 });
    await form.getByLabel('Teammate').locator(`option[value="${teammate}"]`).waitFor({ state: 'attached' });
    await form.getByLabel('Teammate').selectOption(teammate);
    await form.getByRole('button', { name: 'Swap' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `${teammate} takes` })
      .waitFor();

    const stored = (await json('GET', '/api/v1/schedules/default/payments-primary/overrides')).items;
    const taken = stored.find((o: { user: string }) => o.user === `user:default/${teammate}`);
    expect(taken).toMatchObject({ from: shift.from, until: shift.until });
    expect(taken.swap).not.toBeNull();
    await page
      .getByRole('region', { name: 'Overrides' })
      .getByRole('link', { name: teammate })
      .first()
      .waitFor();
    await snapshot(page, 'swap');
    for (const override of stored) {
      await json('DELETE', `/api/v1/schedules/default/payments-primary/overrides/${override.id}`);
    }
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('swaps one of my shifts, and says in words why a stale one cannot be swapped', async () => {
    const path = '/api/v1/schedules/default/payments-primary';
    const until = new Date(Date.now() + 28 * 86_400_000).toISOString();
    const shifts = await json('GET', `${path}/shifts?until=${encodeURIComponent(until)}`);
    const mine = shifts.final.filter((s: { user: string }) => s.user === 'user:default/amara-nwosu');
    expect(mine.length, 'Amara is in the payments weekly rota of four').toBeGreaterThan(0);

    await page.goto(`${portal.steward.url}/me/shifts`);
    const form = page.getByRole('form', { name: 'Swap a shift' });
    await form.getByLabel('Shift').waitFor();
    // Someone else takes Amara's first shift behind the page's back: the form's choice is stale.
    const blocker = await json('POST', `${path}/overrides`, {
      user: 'jonas-weber',
      from: mine[0].from,
      until: mine[0].until,
    });
    await form.getByLabel('Teammate').locator('option[value="chen-wei"]').waitFor({ state: 'attached' });
    await form.getByLabel('Teammate').selectOption('chen-wei');
    await form.getByRole('button', { name: 'Swap' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('amara-nwosu is not on call');

    await json('DELETE', `${path}/overrides/${blocker.id}`);
    await page.reload();
    await form.getByLabel('Teammate').locator('option[value="chen-wei"]').waitFor({ state: 'attached' });
    await form.getByLabel('Teammate').selectOption('chen-wei');
    await form.getByRole('button', { name: 'Swap' }).click();
    await form.getByRole('status').filter({ hasText: 'chen-wei takes' }).waitFor();
    const stored = (await json('GET', `${path}/overrides`)).items;
    expect(stored.find((o: { user: string }) => o.user === 'user:default/chen-wei')).toMatchObject({
      until: mine[0].until,
    });
    for (const override of stored) await json('DELETE', `${path}/overrides/${override.id}`);
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it("shows payments' noise report, reached from the team page, as the API computes it", async () => {
    const report = await json('GET', '/api/v1/noise?team=payments&days=30');
    expect(report.alerts, "the demo alert and this file's own are payments'").toBeGreaterThan(0);
    await page.goto(`${portal.steward.url}/teams/payments`);
    await page.getByRole('link', { name: 'Noise report of Payments' }).click();
    await page.getByRole('heading', { name: 'Noise: payments', level: 1 }).waitFor();
    const figures = page.getByRole('region', { name: 'In short' });
    await figures.getByText('Resolved with nobody acting').waitFor();
    expect(await figures.locator('dd').first().textContent()).toBe(String(report.alerts));
    const table = page.getByRole('region', { name: 'Alerts by count' });
    for (const group of report.groups) {
      await table.getByRole('row').filter({ hasText: group.name }).first().waitFor();
    }
    await snapshot(page, 'noise');
    // The Respond area lists the report too.
    await page.getByRole('link', { name: 'Noise report', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Noise report', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Teams' }).getByRole('link', { name: 'Payments' }).waitFor();
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('lists my shifts and shows a personal calendar feed URL once', async () => {
    await page.goto(`${portal.steward.url}/me/shifts`);
    await page.getByRole('heading', { name: 'My shifts', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Subscribe in my calendar' }).click();
    const url = (await page.getByTestId('shown-once-secret').textContent()) ?? '';
    expect(url).toMatch(/\/api\/v1\/calendar-feeds\/.+\.ics$/);
    const feed = await fetch(url.startsWith('http') ? url : `${portal.steward.url}${url}`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    // Amara is in the payments weekly rota of four: within 28 days she has a shift.
    await page
      .getByRole('region', { name: 'My shifts' })
      .getByRole('link', { name: 'payments-primary' })
      .first()
      .waitFor();
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

// End to end: an incident run in the portal on the demo organisation. An Alertmanager alert's page
// declares the incident (the alert attaches); a commander is assigned from the people list; the state
// moves to resolved by its buttons (the postmortem refused before, with the reason); the timeline takes
// a note written elsewhere without a reload; the postmortem is drafted, saved, and saved again over
// someone else's edit after the 409; a follow-up is added and shows as overdue on the team page; the
// response metrics page draws its charts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, type Portal, signIn, startPortal } from './portal-harness.ts';

async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `portal-incidents-${name}.png`), fullPage: true });
}

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('portal end to end: running an incident', () => {
  let portal: Portal;
  let page: Page;
  let token: string;
  let alertId: string;
  let summary: string;
  const json = async (method: string, path: string, body?: unknown) => {
    const response = await portal.steward.call(method, path, token, body);
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    // biome-ignore lint/suspicious/noExplicitAny: the test reads the fields it checks
    return (await response.json()) as any;
  };

  beforeAll(async () => {
    portal = await startPortal();
    token = portal.steward.adminToken();
    page = portal.page;
    const { key } = await json('POST', '/api/v1/integrations', {
      type: 'alertmanager',
      name: 'incidents-e2e',
      service: 'component:default/checkout-api',
    });
    summary = `Checkout card payments failing (${Date.now()})`;
    const labels = { alertname: 'CardPaymentsFailing', service: 'checkout', severity: 'critical' };
    const sent = await portal.steward.call('POST', `/api/v1/integrations/alertmanager/${key}`, undefined, {
      version: '4',
      status: 'firing',
      receiver: 'incidents-e2e',
      groupKey: '{}:{alertname="CardPaymentsFailing"}',
      alerts: [
        {
          status: 'firing',
          labels,
          annotations: { summary },
          startsAt: new Date().toISOString(),
          endsAt: '0001-01-01T00:00:00Z',
          fingerprint: 'incidents-e2e-1',
        },
      ],
      groupLabels: labels,
      commonLabels: labels,
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example.invalid',
    });
    expect(sent.status).toBe(200);
    // The answer names what it accepted; the alert is applied behind it, and the list waits for that.
    expect(await sent.json()).toEqual({
      status: 'success',
      alerts: [{ dedupKey: 'incidents-e2e-1', action: 'trigger' }],
    });
    const listed = (await json('GET', '/api/v1/alerts')).items as { id: string; summary: string }[];
    const ours = listed.filter((item) => item.summary === summary);
    expect(ours).toHaveLength(1);
    alertId = ours[0]?.id as string;
    await page.goto(portal.steward.url);
    // A payments engineer: checkout-api is their team's.
    await signIn(page, 'amara-nwosu');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  it('declares from an alert, assigns a commander, resolves, writes the postmortem, adds a follow-up', async () => {
    await page.goto(`${portal.steward.url}/alerts/${encodeURIComponent(alertId)}`);
    await page.getByRole('heading', { name: summary, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Declare incident' }).click();

    const form = page.getByRole('form', { name: 'Declare an incident' });
    await form.waitFor();
    // The alert's summary and service come along; the severity is the declarer's to choose.
    expect(await form.getByLabel('Title').inputValue()).toBe(summary);
    await form.getByRole('list', { name: 'Chosen services' }).getByText('checkout-api').waitFor();
    await form.getByRole('radio', { name: /SEV2/ }).check();
    await form.getByRole('button', { name: 'Declare incident' }).click();
    await page.waitForURL(
      (url) => /^\/incidents\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'),
    );
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    await page.getByRole('heading', { name: summary, level: 1 }).waitFor();

    expect(await json('GET', `/api/v1/incidents/${id}`)).toMatchObject({
      state: 'triage',
      severity: 'SEV2',
      alerts: [alertId],
      services: ['component:default/checkout-api'],
    });
    await page.getByRole('list', { name: 'Attached alerts' }).getByRole('link', { name: alertId }).waitFor();

    // The commander, from the people list; the timeline says so without a reload.
    await page.getByLabel('Commander').selectOption('amara-nwosu');
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline
      .getByRole('listitem')
      .filter({ hasText: 'commander' })
      .filter({ hasText: 'amara-nwosu' })
      .first()
      .waitFor();
    expect((await json('GET', `/api/v1/incidents/${id}`)).roles.commander).toBe('user:default/amara-nwosu');

    // Before it is resolved, the postmortem is refused with the server's reason.
    await page.getByRole('button', { name: 'Draft the postmortem' }).click();
    await page.getByRole('alert').filter({ hasText: 'once it is resolved' }).waitFor();

    await page.getByRole('button', { name: 'Mark active' }).click();
    await page.getByTestId('incident-state').filter({ hasText: 'active' }).waitFor();
    // Someone else writes a note from elsewhere: it lands on the timeline live, with no page load.
    await page.evaluate(() => Object.assign(window, { stewardLiveMark: true }));
    const note = `Card processor confirms an outage (${Date.now()})`;
    await json('POST', `/api/v1/incidents/${id}/notes`, { text: note });
    await timeline.getByText(note).waitFor();
    const marked = await page.evaluate(
      () => (window as unknown as { stewardLiveMark?: boolean }).stewardLiveMark,
    );
    expect(marked).toBe(true);

    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByTestId('incident-state').filter({ hasText: 'resolved' }).waitFor();
    await snapshot(page, 'incident');

    // The postmortem: drafted from the timeline, edited, saved.
    await page.getByRole('button', { name: 'Open the postmortem' }).click();
    await page.waitForURL(`${portal.steward.url}/incidents/${encodeURIComponent(id)}/postmortem`);
    const text = page.getByLabel('Markdown');
    await text.waitFor();
    const drafted = await text.inputValue();
    expect(drafted).toContain(summary);
    await text.fill(`${drafted}\n\n## Review notes\n\nRetry storms made it worse.\n`);
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByRole('heading', { name: 'Review notes' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Version 2, saved/).waitFor();

    // Someone saves in between: our save is refused, theirs is shown, ours kept; saving again lands.
    const theirs = `${drafted}\n\n## Customer impact\n\n12% of card payments failed.\n`;
    await json('PUT', `/api/v1/incidents/${id}/postmortem`, { markdown: theirs, version: 2 });
    const ours = `${await text.inputValue()}\nA second thought.\n`;
    await text.fill(ours);
    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'saved version 3 while you were editing' });
    await conflict.waitFor();
    expect(await conflict.getByLabel(/Their text/).inputValue()).toBe(theirs);
    expect(await text.inputValue()).toBe(ours);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Version 4, saved/).waitFor();
    expect((await json('GET', `/api/v1/incidents/${id}/postmortem`)).markdown).toBe(ours);
    await snapshot(page, 'postmortem');

    // The export link is the stored Markdown as a file.
    const link = page.getByRole('link', { name: 'Download .md' });
    expect(await link.getAttribute('href')).toBe(`/api/v1/incidents/${encodeURIComponent(id)}/postmortem.md`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`postmortem-${id}.md`);

    // A follow-up already past its date: listed as overdue here and on the team's page.
    await page.goto(`${portal.steward.url}/incidents/${encodeURIComponent(id)}`);
    const followUp = page.getByRole('form', { name: 'Add a follow-up' });
    await followUp.getByLabel('Follow-up').fill('Cap retries in the checkout client');
    await followUp.getByLabel('Owner').fill('group:payments');
    await followUp.getByLabel('Due').fill(yesterday());
    await followUp.getByRole('button', { name: 'Add follow-up' }).click();
    const item = page
      .getByRole('list', { name: 'Follow-ups' })
      .getByRole('listitem')
      .filter({ hasText: 'Cap retries in the checkout client' });
    await item.getByText('overdue').waitFor();

    await page.goto(`${portal.steward.url}/teams/payments`);
    await page
      .getByRole('list', { name: 'Overdue follow-ups' })
      .getByText('Cap retries in the checkout client')
      .waitFor();

    // Done: it leaves the team's overdue list.
    await page.goto(`${portal.steward.url}/incidents/${encodeURIComponent(id)}`);
    // The box follows the server: it shows ticked once the change is stored.
    await item.getByRole('checkbox').click();
    await item.getByRole('checkbox', { checked: true }).waitFor();
    // Still overdue: the demo's past incident's own open follow-up, never this one.
    const overdue: { title: string }[] = (await json('GET', '/api/v1/follow-ups?team=payments')).items;
    expect(overdue.map((f) => f.title)).not.toContain('Cap retries in the checkout client');
    expect(portal.pageErrors).toEqual([]);
  }, 120_000);

  it('lists the incident by severity and draws the team response metrics', async () => {
    await page.goto(`${portal.steward.url}/incidents?severity=SEV2`);
    await page.getByRole('region', { name: 'Incidents' }).getByRole('link', { name: summary }).waitFor();
    await page.goto(`${portal.steward.url}/incidents?severity=SEV4`);
    await page.getByText('No incident matches these filters.').waitFor();

    await page.goto(`${portal.steward.url}/incidents/metrics?team=payments`);
    const bySeverity = page.getByRole('table', { name: /Incidents by severity/ });
    await bySeverity.waitFor();
    // This SEV2 and the demo's past payments incident (SEV2, nine days ago): both in the last 30 days.
    expect(await bySeverity.getByRole('row', { name: /SEV2/ }).getByRole('cell').textContent()).toBe('2');
    // uPlot drew each chart that has figures on its canvas; on-call load has them only if someone was paged.
    const metrics = await json('GET', '/api/v1/incidents/metrics?team=payments');
    const paged = metrics.onCall.pagesPerPersonPerWeek.length > 0;
    expect(await page.locator('.bar-chart__canvas canvas').count()).toBe(paged ? 3 : 2);
    const load = page.getByRole('figure', { name: 'Pages per person per week' });
    if (!paged) await load.getByText('Nothing in this period.').waitFor();
    await snapshot(page, 'metrics');
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

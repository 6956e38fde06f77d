// End to end: every portal page, for an admin and for a viewer, checked by axe-core (WCAG 2.0/2.1 A and
// AA) for serious and critical violations, and at a phone's width (390 px) for sideways scrolling.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, type Portal, readDemoEntities, signIn, startPortal } from './portal-harness.ts';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

/** The first demo entity of each kind, so every kind's entity page is visited once. */
const oneOfEachKind = [
  ...readDemoEntities('catalog/components.yaml'),
  ...readDemoEntities('catalog/apis.yaml'),
  ...readDemoEntities('catalog/resources.yaml'),
  ...readDemoEntities('catalog/systems.yaml'),
  ...readDemoEntities('org/groups.yaml'),
  ...readDemoEntities('org/users.yaml'),
].filter((entity, index, all) => all.findIndex((other) => other.kind === entity.kind) === index);
const aTeam = readDemoEntities('org/groups.yaml')[0]?.metadata.name as string;
const aPerson = readDemoEntities('org/users.yaml')[0]?.metadata.name as string;

const routes = [
  '/',
  '/catalog',
  ...oneOfEachKind.map((e) => `/catalog/${e.kind.toLowerCase()}/default/${e.metadata.name}`),
  '/catalog/sources',
  '/scorecards',
  '/scorecards/production-readiness',
  '/ownership',
  `/ownership?thing=${encodeURIComponent('component:checkout-api')}`,
  '/teams',
  `/teams/${aTeam}`,
  '/people',
  `/people/${aPerson}`,
  '/admin/tokens',
  '/admin/people',
  '/admin/teams',
  '/admin/sources',
  '/admin/audit',
  '/oncall',
  '/oncall/schedules/default/payments-primary',
  '/me/shifts',
  '/alerts',
  '/slos',
  '/slos/web-shop-requests-availability',
  '/noise',
  '/noise/payments',
  '/incidents',
  '/incidents/metrics?team=payments',
  '/guardrails',
  '/guardrails?team=storefront&severity=high',
  '/guardrails/exemptions',
];

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  /** What axe says of each target (for contrast: the colours and the ratio). */
  details: string[];
}

describe('portal end to end: usable by everyone', () => {
  let portal: Portal;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    page = portal.page;
    await uploadAScan(portal);
    const alertId = await sendAnAlert(portal);
    routes.push(
      `/alerts/${encodeURIComponent(alertId)}`,
      `/incidents/new?alert=${encodeURIComponent(alertId)}`,
    );
    const incident = await resolvedIncident(portal, alertId);
    routes.push(`/incidents/${incident}`, `/incidents/${incident}/postmortem`);
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  it('has no serious or critical axe violations, nor sideways scrolling at 390 px, for an admin', async () => {
    const password = readFileSync(join(portal.dataDir, 'admin.password'), 'utf8').trim();
    await page.goto(`${portal.steward.url}/`);
    await signIn(page, 'admin', password);
    await checkEveryRoute('admin');
  }, 300_000);

  it('has no serious or critical axe violations, nor sideways scrolling at 390 px, for a viewer', async () => {
    await page.context().clearCookies();
    await page.goto(`${portal.steward.url}/`);
    await signIn(page, 'hannah-meyer');
    await checkEveryRoute('viewer');
  }, 300_000);

  async function checkEveryRoute(who: string) {
    const findings: Finding[] = [];
    const tooWide: string[] = [];
    for (const route of routes) {
      await page.setViewportSize(desktop);
      await openSettled(page, `${portal.steward.url}${route}`);
      findings.push(...(await runAxe(page, `${who} ${route}`)));
      await page.setViewportSize(phone);
      await openSettled(page, `${portal.steward.url}${route}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > phone.width) {
        const culprits = (await overflowingElements(page, phone.width)).join(' | ');
        tooWide.push(`${who} ${route}: ${width} px wide at ${phone.width} px; sticking out: ${culprits}`);
      }
      findings.push(...(await runAxe(page, `${who} ${route} (390 px)`)));
    }
    // On a phone the navigation unfolds from its Menu button, and folds again once an area is chosen.
    await openSettled(page, `${portal.steward.url}/`);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    const nav = page.getByRole('navigation', { name: 'Areas' });
    await nav.waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    findings.push(...(await runAxe(page, `${who} / (390 px, menu open)`)));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > phone.width) tooWide.push(`${who} / with the menu open: ${width} px wide`);
    await nav.getByRole('link', { name: 'People' }).click();
    await page.waitForURL(`${portal.steward.url}/people`);
    await nav.waitFor({ state: 'hidden' });

    await page.setViewportSize(desktop);
    // The top bar's search with its results open.
    await openSettled(page, `${portal.steward.url}/`);
    await page.keyboard.press('/');
    await page.keyboard.type('pay');
    await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().waitFor();
    findings.push(...(await runAxe(page, `${who} / (search results open)`)));
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, `portal-a11y-${who}.json`), JSON.stringify(findings, null, 2));
    expect([...findings.map(describeFinding), ...tooWide]).toEqual([]);
    expect(portal.pageErrors).toEqual([]);
  }
});

/** An alert through an Alertmanager integration, so the alert page has one to show; answers its id. */
/** A scan with a finding on web-shop (the entity page visited shows its card) and an expired exemption. */
async function uploadAScan(portal: Portal): Promise<void> {
  const file = 'services/web-shop/deploy.yaml';
  const resource = 'Deployment/shop/web-shop';
  const finding = (ruleId: string, severity: string) => ({
    ruleId,
    severity,
    message: `${ruleId}: how to fix it`,
    file,
    line: 12,
    column: 3,
    resource,
    owner: null,
    aliases: [],
    fingerprint: `a11y-${ruleId}`,
  });
  const exemption = (rule: string, expires: string) => ({
    rules: [rule],
    written: rule,
    syntax: 'steward-annotation',
    reason: 'accepted for now',
    expires,
    approver: '@sre',
    container: null,
    image: null,
    file,
    line: 6,
    resource,
    findings: [`a11y-${rule}`],
  });
  const uploaded = await portal.steward.call(
    'PUT',
    `/api/v1/guardrails/scans/${encodeURIComponent('github.com/acme/monorepo')}`,
    portal.steward.adminToken(),
    {
      findings: [finding('k8s-privileged', 'critical'), finding('k8s-image-tag', 'medium')],
      exemptions: [exemption('k8s-host-path', '2099-12-31'), exemption('k8s-run-as-root', '2020-01-01')],
      exempted: [finding('k8s-host-path', 'high'), finding('k8s-run-as-root', 'high')],
      problems: [],
    },
  );
  expect(uploaded.status).toBe(200);
}

async function sendAnAlert(portal: Portal): Promise<string> {
  const token = portal.steward.adminToken();
  const created = await portal.steward.call('POST', '/api/v1/integrations', token, {
    type: 'alertmanager',
    name: 'a11y',
    service: 'component:default/checkout-api',
  });
  const { key } = (await created.json()) as { key: string };
  const labels = { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' };
  const alert = { status: 'firing', labels, annotations: { summary: 'Checkout 5xx above 5%' } };
  const sent = await portal.steward.call('POST', `/api/v1/integrations/alertmanager/${key}`, undefined, {
    version: '4',
    status: 'firing',
    receiver: 'a11y',
    groupKey: '{}:{alertname="HighErrorRate"}',
    alerts: [
      { ...alert, startsAt: new Date().toISOString(), endsAt: '0001-01-01T00:00:00Z', fingerprint: 'a11y1' },
    ],
    groupLabels: labels,
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.invalid',
  });
  expect(sent.status).toBe(200);
  expect(await sent.json()).toEqual({
    status: 'success',
    alerts: [{ dedupKey: 'a11y1', action: 'trigger' }],
  });
  // Applied behind the answer: the list waits for it.
  const list = await portal.steward.call('GET', '/api/v1/alerts', token);
  const { items } = (await list.json()) as { items: { id: string; summary: string }[] };
  // The demo fires one of its own on first start; this one is the other.
  expect(items).toHaveLength(2);
  const sentOne = items.find((item) => item.summary === 'Checkout 5xx above 5%');
  expect(sentOne).toBeDefined();
  return sentOne?.id as string;
}

/** An incident declared from the alert, resolved, with its postmortem drafted; answers its id. */
async function resolvedIncident(portal: Portal, alertId: string): Promise<string> {
  const token = portal.steward.adminToken();
  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await portal.steward.call(method, path, token, body);
    expect(answer.status, `${method} ${path}`).toBeLessThan(300);
    return (await answer.json()) as { id: string };
  };
  const { id } = await call('POST', `/api/v1/alerts/${encodeURIComponent(alertId)}/incident`, {
    severity: 'SEV3',
  });
  for (const state of ['active', 'resolved']) await call('PATCH', `/api/v1/incidents/${id}`, { state });
  await call('POST', `/api/v1/incidents/${id}/postmortem`);
  return id;
}

/** Opens a page and waits until its data has come (no request in flight, no "Loading…" left). */
async function openSettled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // The signed-in frame's main part (on a phone the navigation is folded behind its Menu button).
  await page.getByRole('main').waitFor();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !/Loading/.test(document.querySelector('main')?.textContent ?? ''));
}

/** The outermost elements whose right edge passes the viewport's width, as short selectors. */
async function overflowingElements(page: Page, width: number): Promise<string[]> {
  return page.evaluate((limit) => {
    const scrollsAway = (el: Element) => getComputedStyle(el).overflowX !== 'visible';
    // Simplified: an absolutely positioned element may escape its scrolling ancestor, so it counts.
    const positioned = (el: Element) => /absolute|fixed/.test(getComputedStyle(el).position);
    const clipped = (el: Element): boolean =>
      !positioned(el) && !!el.parentElement && (scrollsAway(el.parentElement) || clipped(el.parentElement));
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > limit + 0.5 && !clipped(el);
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
    return [...document.querySelectorAll('body *')]
      .filter((el) => sticksOut(el) && !(el.parentElement && sticksOut(el.parentElement)))
      .slice(0, 5)
      .map(describe);
  }, width);
}

async function runAxe(page: Page, where: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(' ')),
      details: v.nodes.map((node) => node.any[0]?.message ?? node.failureSummary ?? ''),
    }));
  }, wcagTags);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: where, ...v }));
}

function describeFinding(f: Finding): string {
  const targets = f.targets.slice(0, 5).join(' | ');
  const more = f.targets.length > 5 ? ` (+${f.targets.length - 5} more)` : '';
  return `${f.page}: ${f.impact} ${f.rule} (${f.help}) at ${targets}${more}`;
}

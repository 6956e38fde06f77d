// End to end: an entity's page as Backstage users expect it — annotations, links, where it is written,
// the YAML, the owner's contact, the API definition in its viewer, and a tab title naming it.
// Every expectation comes from the demo's own files (examples/acme), never from what the portal shows.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  artifacts,
  type DemoEntity,
  type Portal,
  readDemoEntities,
  signIn,
  startPortal,
} from './portal-harness.ts';

const byName = (list: DemoEntity[], name: string) => list.find((e) => e.metadata.name === name) as DemoEntity;
const apis = readDemoEntities('catalog/apis.yaml');
const components = readDemoEntities('catalog/components.yaml');
const groups = readDemoEntities('org/groups.yaml');
const users = readDemoEntities('org/users.yaml');
const checkoutApi = byName(apis, 'checkout-api');
const checkoutService = byName(components, 'checkout-api');
const annotationsOf = (entity: DemoEntity) =>
  ((entity.metadata as { annotations?: Record<string, string> }).annotations ?? {}) as Record<string, string>;
/** The entity as stored: as the file writes it, in the default namespace Backstage gives it when none is written. */
const asStored = ({ file: _file, line: _line, ...entity }: DemoEntity) => ({
  ...entity,
  metadata: { namespace: 'default', ...entity.metadata },
});

describe('portal end to end: the entity page', () => {
  let portal: Portal;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    page = portal.page;
    mkdirSync(artifacts, { recursive: true });
    await page.goto(`${portal.steward.url}/catalog/api/default/checkout-api`);
    await signIn(page, 'kelsey-okafor');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  it('renders the OpenAPI definition of an API in Swagger UI, every path with its summary', async () => {
    await page.getByRole('heading', { level: 1, name: 'checkout-api' }).waitFor();
    const definition = parse(checkoutApi.spec.definition as string) as {
      info: { title: string };
      paths: Record<string, Record<string, { summary: string }>>;
    };
    const viewer = page.locator('.api-definition [data-viewer="openapi"]');
    await viewer.locator('.opblock').first().waitFor();
    expect(await viewer.locator('.title').first().textContent()).toContain(definition.info.title);
    const paths = await viewer
      .locator('.opblock-summary-path')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-path')));
    expect(paths.sort()).toEqual(Object.keys(definition.paths).sort());
    for (const operations of Object.values(definition.paths)) {
      for (const operation of Object.values(operations)) {
        await viewer.getByText(operation.summary, { exact: true }).waitFor();
      }
    }
    await page.waitForFunction(() => document.title === 'checkout-api · API · Steward');
    await page.screenshot({ path: join(artifacts, 'portal-entity-api.png'), fullPage: true });
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);

  it('shows the entity as YAML that reads back to the file, and copies it', async () => {
    const yaml = page.getByTestId('entity-yaml');
    await yaml.waitFor();
    expect(parse((await yaml.textContent()) ?? '')).toEqual(asStored(checkoutApi));
    await portal.browser.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: portal.steward.url,
    });
    await page.getByRole('button', { name: 'Copy YAML' }).click();
    await page.getByText('Copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(parse(copied)).toEqual(asStored(checkoutApi));
  }, 60_000);

  it('shows highlighted Protocol Buffers for a gRPC API', async () => {
    const pricing = byName(apis, 'pricing-api');
    await page.goto(`${portal.steward.url}/catalog/api/default/pricing-api`);
    const code = page.locator('.api-definition code.language-protobuf');
    await code.waitFor();
    expect((await code.textContent())?.trim()).toBe((pricing.spec.definition as string).trim());
    expect(await code.locator('.hljs-keyword').count()).toBeGreaterThan(0);
    await page.waitForFunction(() => document.title === 'pricing-api · API · Steward');
  }, 60_000);

  it('renders GraphQL through its printer and AsyncAPI in its own component', async () => {
    const token = portal.steward.adminToken();
    const api = (name: string, type: string, definition: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name },
      spec: { type, lifecycle: 'experimental', owner: 'group:platform', definition },
    });
    const sdl = 'type Query { order(id: ID!): Order }\ntype Order { id: ID! total: Int }';
    const asyncapi = [
      'asyncapi: 3.0.0',
      'info: { title: Order events, version: 1.0.0 }',
      'channels:',
      '  orderPlaced:',
      '    address: orders.placed',
      '    messages:',
      '      placed: { payload: { type: object, properties: { orderId: { type: string } } } }',
      'operations:',
      '  onOrderPlaced:',
      '    action: receive',
      "    channel: { $ref: '#/channels/orderPlaced' }",
    ].join('\n');
    for (const body of [api('orders-graph', 'graphql', sdl), api('order-events', 'asyncapi', asyncapi)]) {
      const created = await portal.steward.call('POST', '/api/v1/entities', token, body);
      expect(created.status).toBe(201);
    }
    await page.goto(`${portal.steward.url}/catalog/api/default/orders-graph`);
    const graphql = page.locator('.api-definition code.language-graphql');
    await graphql.waitFor();
    const shown = (await graphql.textContent()) ?? '';
    expect(shown).toContain('type Query {\n  order(id: ID!): Order\n}');
    expect(shown).toContain('type Order {\n  id: ID!\n  total: Int\n}');

    await page.goto(`${portal.steward.url}/catalog/api/default/order-events`);
    const viewer = page.locator('.api-definition [data-viewer="asyncapi"]');
    await viewer.getByText('Order events').first().waitFor({ timeout: 30_000 });
    await viewer.getByText('orders.placed').first().waitFor();
    expect(portal.pageErrors).toEqual([]);
  }, 90_000);

  it('shows a component’s annotations, links, file and line, and its owner’s contact and lead', async () => {
    await page.goto(`${portal.steward.url}/catalog/component/default/checkout-api`);
    await page.waitForFunction(() => document.title === 'checkout-api · Component · Steward');

    const annotations = page.getByRole('region', { name: /^Annotations/ });
    for (const [key, value] of Object.entries(annotationsOf(checkoutService))) {
      const row = annotations.locator('.annotations__row', { has: page.getByText(key, { exact: true }) });
      expect(((await row.locator('dd').textContent()) ?? '').trim()).toBe(value);
      const link = row.locator('dd a');
      if (/^(url:)?https?:\/\//.test(value)) {
        expect(await link.getAttribute('href')).toBe(value.replace(/^url:/, ''));
      } else expect(await link.count()).toBe(0);
    }

    const about = page.getByRole('region', { name: 'Ownership and links' });
    for (const link of checkoutService.metadata.links ?? []) {
      const shown = about.getByRole('link', {
        name: (link as { title?: string }).title ?? link.url,
        exact: true,
      });
      expect(await shown.getAttribute('href')).toBe(link.url);
    }
    const sourceLocation = annotationsOf(checkoutService)['backstage.io/source-location'] as string;
    expect(await about.getByRole('link', { name: 'View the code' }).getAttribute('href')).toBe(
      sourceLocation.replace(/^url:/, ''),
    );
    const location = await about.locator('.location').textContent();
    expect(location).toMatch(new RegExp(`/catalog/components\\.yaml:${checkoutService.line}$`));

    const team = byName(groups, checkoutService.spec.owner.replace(/^group:/, ''));
    const lead = byName(users, annotationsOf(team)['steward.dev/leads'] as string);
    const owner = page.getByRole('region', { name: 'Owner', exact: true });
    await owner.getByRole('link', { name: team.spec.profile.displayName, exact: true }).waitFor();
    expect(await owner.getByRole('link', { name: team.spec.profile.email }).getAttribute('href')).toBe(
      `mailto:${team.spec.profile.email}`,
    );
    const leadLink = owner.getByRole('link', { name: lead.spec.profile.displayName, exact: true });
    expect(await leadLink.getAttribute('href')).toBe(`/people/${lead.metadata.name}`);
    await owner.getByRole('link', { name: lead.spec.profile.email }).waitFor();
    await page.screenshot({ path: join(artifacts, 'portal-entity-component.png'), fullPage: true });
    expect(portal.pageErrors).toEqual([]);
  }, 60_000);
});

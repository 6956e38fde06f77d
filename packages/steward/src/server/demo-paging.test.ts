// `--demo` pages someone: Acme's Alertmanager integration, its 20 people's email methods (users.yaml
// gives each an email), and one sample alert for checkout-api (payments owns it, and has a policy), routed
// and escalated, its email deliveries skipped for want of SMTP. A restart on the same data adds nothing.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../platform/logging.ts';
import { type Assembled, assemble } from './compose.ts';
import { curlSample, demoIntegrationFile } from './demo-paging.ts';
import { describeEachEngine } from './test-engines.ts';

interface Alert {
  id: string;
  summary: string;
  team: string;
  service: string;
  assignee: string | null;
  hops: { kind: string; text: string }[];
  deliveries: { person: string; state: string; lastError: string | null; method: { type: string } }[];
}

describeEachEngine('--demo pages someone', ({ db }) => {
  let dataDir: string;
  let assembled: Assembled;
  let token: string;

  const start = async () => {
    const steward = await assemble({
      database: db(),
      logger: silentLogger(),
      config: {
        bodyLimit: 1024 * 1024,
        webDir: '/nonexistent',
        dataDir,
        demo: true,
        publicUrl: 'http://demo.test',
      },
    });
    await steward.start();
    await steward.app.ready();
    return steward;
  };
  const get = (url: string) =>
    assembled.app
      .inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.json());
  const alerts = async () => (await get('/api/v1/alerts')).items as { id: string; summary: string }[];
  const emailMethods = async () => {
    let count = 0;
    for (const user of (await get('/api/v1/users')).items as { handle: string }[]) {
      const methods = (await get(`/api/v1/users/${user.handle}/contact-methods`)).items as { type: string }[];
      count += methods.filter((m) => m.type === 'email').length;
    }
    return count;
  };
  /** The alert once its escalation has paged and its deliveries have run. */
  const settled = async (id: string): Promise<Alert> => {
    for (let i = 0; i < 100; i++) {
      const alert = (await get(`/api/v1/alerts/${id}`)) as Alert;
      if (alert.deliveries.length > 0 && alert.deliveries.every((d) => d.state !== 'queued')) return alert;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`alert ${id} was not delivered in 10 s`);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'steward-demo-paging-'));
    assembled = await start();
    token = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  });
  afterAll(async () => {
    await assembled?.app.close();
    await assembled?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires one sample alert for checkout-api, routed to payments and paged, email skipped without SMTP', async () => {
    const [only, ...more] = await alerts();
    expect(more).toEqual([]);
    const alert = await settled(only?.id ?? '');
    expect(alert).toMatchObject({
      summary: 'checkout-api: 7% of payments fail with 5xx (demo alert)',
      service: 'component:default/checkout-api',
      team: 'group:default/payments',
    });
    expect(alert.hops.map((h) => h.kind)).toEqual(
      expect.arrayContaining(['who-owns', 'policy', 'escalation']),
    );
    // Payments' rota always has someone (a weekly layer of four), so step 1 pages a person.
    expect(alert.assignee).toMatch(/^user:default\//);
    expect(alert.deliveries.length).toBeGreaterThan(0);
    for (const delivery of alert.deliveries) {
      expect(delivery).toMatchObject({ state: 'skipped', method: { type: 'email' } });
      expect(delivery.lastError).toContain('STEWARD_SMTP_URL');
    }
    const board = await get('/api/v1/oncall?team=payments');
    expect(JSON.stringify(board)).toContain(alert.assignee);
  });

  it('gives every Acme person their email as a contact method', async () => {
    expect(await emailMethods()).toBe(20);
  });

  it('keeps the integration URL, with its key, for the owner alone, and the logged curl fires through it', async () => {
    const integrations = (await get('/api/v1/integrations')).items;
    expect(integrations).toEqual([
      expect.objectContaining({ type: 'alertmanager', name: 'acme-alertmanager', createdBy: 'system:demo' }),
    ]);
    const file = join(dataDir, demoIntegrationFile);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const url = new URL(readFileSync(file, 'utf8').trim());
    expect(url.origin).toBe('http://demo.test');
    expect(url.pathname).toMatch(/^\/api\/v1\/integrations\/alertmanager\/[\w-]{20,}$/);
    const fired = await assembled.app.inject({ method: 'POST', url: url.pathname, payload: curlSample });
    expect(fired.statusCode, fired.body).toBe(200);
    expect((await alerts()).map((a) => a.summary).sort()).toEqual([
      'checkout-api: 7% of payments fail with 5xx (demo alert)',
      'search-api: p99 latency above 2 s (demo alert)',
    ]);
  });

  it('adds no integration, method or alert when started again on the same data', async () => {
    const url = readFileSync(join(dataDir, demoIntegrationFile), 'utf8');
    await assembled.app.close();
    await assembled.stop();
    assembled = await start();
    expect((await get('/api/v1/integrations')).items).toHaveLength(1);
    expect(readFileSync(join(dataDir, demoIntegrationFile), 'utf8')).toBe(url);
    expect(await alerts()).toHaveLength(2);
    expect(await emailMethods()).toBe(20);
  });
});

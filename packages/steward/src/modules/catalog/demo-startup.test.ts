// `steward serve --demo`: Acme's folder is ingested as a catalog source on start, its teams and people
// become Steward's (signing in with the demo password), and a restart changes nothing. Expected
// counts are those of examples/acme (7 groups, 20 users, 41 components, 15 APIs, 18 resources,
// 4 domains, 8 systems, the root catalog-info.yaml's Location, and org/oncall.yaml's 5 schedules and
// 5 escalation policies, one each for the 5 teams owning tier-1 services: 124 entities), counted in its files.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logging.ts';
import { type Assembled, assemble } from '../../server/compose.ts';
import { describeEachEngine } from '../../server/test-engines.ts';

describeEachEngine('--demo startup', ({ db }) => {
  let dataDir: string;
  let assembled: Assembled;
  let token: string;

  const start = async () => {
    const steward = await assemble({
      database: db(),
      logger: silentLogger(),
      config: { bodyLimit: 1024 * 1024, webDir: '/nonexistent', dataDir, demo: true },
    });
    await steward.start();
    await steward.app.ready();
    return steward;
  };
  const get = (url: string) =>
    assembled.app
      .inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.json());

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'steward-demo-'));
    assembled = await start();
    token = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  });
  afterAll(async () => {
    await assembled?.app.close();
    await assembled?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves Acme: 41 components among 125 entities, read from one source with no problems', async () => {
    const components = await get('/api/v1/entities?kind=component&limit=100');
    expect(components.items).toHaveLength(41);
    expect((await get('/api/v1/entities')).facets.kind).toEqual({
      api: 15,
      component: 41,
      domain: 4,
      escalationpolicy: 5,
      group: 7,
      location: 1,
      resource: 18,
      schedule: 5,
      scorecard: 1,
      system: 8,
      user: 20,
    });
    const demo = (await get('/api/v1/catalog/sources')).items.find((s: { kind: string }) => s.kind === 'dir');
    expect(demo).toMatchObject({
      name: 'demo: Acme (examples/acme)',
      status: 'ok',
      counts: { entities: 125, errors: 0, warnings: 0 },
    });
  });

  it("keeps a scan of Acme's manifests, each finding its team's and service's, the exemption with its expiry", async () => {
    // examples/acme/services: search-indexer runs privileged with a password in its env; web-shop's
    // Dockerfile ends without USER; its log shipper's hostPath is exempted until 2027-03-31.
    const [scan] = (await get('/api/v1/guardrails/scans')).items;
    expect(scan).toMatchObject({ target: 'github.com/acme/monorepo', uploadedBy: 'demo' });
    const high = await get('/api/v1/guardrails/findings?severity=high&limit=50');
    const seen = high.items.map((f: { ruleId: string; file: string; team: string; service: string }) => [
      f.ruleId,
      f.file,
      f.team,
      f.service,
    ]);
    expect(seen).toEqual(
      expect.arrayContaining([
        [
          'k8s-privileged',
          'services/search-indexer/deploy.yaml',
          'group:default/storefront',
          'component:default/search-indexer',
        ],
        [
          'k8s-secret-in-env',
          'services/search-indexer/deploy.yaml',
          'group:default/storefront',
          'component:default/search-indexer',
        ],
      ]),
    );
    expect(
      seen.some(
        ([rule, file]: string[]) => rule === 'docker-root-user' && file === 'services/web-shop/Dockerfile',
      ),
    ).toBe(true);
    const exemptions = (await get('/api/v1/guardrails/exemptions')).items;
    expect(exemptions).toEqual([
      expect.objectContaining({
        rules: ['k8s-host-path'],
        expires: '2027-03-31',
        approver: '@acme/platform',
        file: 'services/web-shop/deploy.yaml',
        findings: 1,
      }),
    ]);
  });

  it("makes Acme's groups teams and its users people, who sign in with the demo password", async () => {
    const teams = (await get('/api/v1/teams')).items.map((t: { name: string }) => t.name).sort();
    expect(teams).toEqual(['acme', 'data', 'engineering', 'payments', 'platform', 'sre', 'storefront']);
    const people = (await get('/api/v1/users')).items.map((u: { handle: string }) => u.handle);
    expect(people).toHaveLength(21); // 20 from Acme, and the first admin
    expect((await get('/api/v1/teams/platform')).members).toEqual(
      expect.arrayContaining([expect.objectContaining({ handle: 'kelsey-okafor', role: 'lead' })]),
    );
    const login = await assembled.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { handle: 'kelsey-okafor', password: 'steward-demo' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('answers who owns a demo component from the store', async () => {
    const answer = await get('/api/v1/who-owns?thing=component:web-shop');
    expect(answer.items[0].owners).toEqual([
      expect.objectContaining({ ref: 'group:default/storefront', role: 'primary' }),
    ]);
  });

  it('changes nothing when started again on the same data', async () => {
    await assembled.app.close();
    await assembled.stop();
    assembled = await start();
    const demo = (await get('/api/v1/catalog/sources')).items.find((s: { kind: string }) => s.kind === 'dir');
    expect(demo.counts.entities).toBe(125);
    const history = await get('/api/v1/entities/component/default/web-shop/history');
    expect(history.items.map((h: { change: string }) => h.change)).toEqual(['created']);
  });
});

describe('steward serve --demo as a process', () => {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-demo-serve-'));
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('becomes ready with the demo loaded', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const bin = resolve(import.meta.dirname, '../../../bin/steward.js');
    child = spawn(process.execPath, [bin, 'serve', '--demo', '--data-dir', dataDir, '--port', String(port)], {
      env: { ...process.env, STEWARD_LOG_FORMAT: 'json' },
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    let ready = false;
    for (let i = 0; i < 300 && !ready; i++) {
      if (child.exitCode !== null) throw new Error(`steward serve exited early:\n${output}`);
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready, output).toBe(true);
    const token = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
    const list = await fetch(`http://127.0.0.1:${port}/api/v1/entities?kind=component&limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json());
    expect(list.facets.kind).toEqual({ component: 41 });
    expect(output).toContain('demo organisation loaded');
  }, 60_000);
});

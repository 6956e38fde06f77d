// The demo organisation's SLOs: every tier-1 service of examples/acme attaches a spec under slos/
// (16 files: 15 Sloth specs, of which payment-gateway's and search-api's hold a latency SLO beside
// availability, and checkout-api's in OpenSLO): 18 SLOs, each owned by its service's owner.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logging.ts';
import { type Assembled, assemble } from '../../server/compose.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test-engines.ts';

describe('the demo organisation’s SLOs', () => {
  let database: TestDatabase;
  let dataDir: string;
  let assembled: Assembled;
  let token: string;
  const get = (url: string) =>
    assembled.app
      .inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.json());

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    dataDir = mkdtempSync(join(tmpdir(), 'steward-demo-slos-'));
    assembled = await assemble({
      database: database.database,
      logger: silentLogger(),
      config: { bodyLimit: 1024 * 1024, webDir: '/nonexistent', dataDir, demo: true },
    });
    await assembled.start();
    await assembled.app.ready();
    token = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  }, 120_000);
  afterAll(async () => {
    await assembled?.app.close();
    await assembled?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has an SLO for every tier-1 service, each with its owner as team', async () => {
    const { items: slos } = await get('/api/v1/slos');
    expect(slos).toHaveLength(18);
    const { items: tier1 } = await get('/api/v1/entities?kind=component&tier=1&limit=100');
    expect(tier1).toHaveLength(16);
    const owners = new Map(tier1.map((c: { ref: string; owner: string }) => [c.ref, c.owner]));
    expect(new Set(slos.map((s: { service: string }) => s.service))).toEqual(new Set(owners.keys()));
    for (const slo of slos) expect(slo.team, slo.id).toBe(owners.get(slo.service));
    const checkout = slos.find((s: { service: string }) => s.service === 'component:default/checkout-api');
    expect(checkout).toMatchObject({ spec: 'openslo/v1', objective: 99.9, period: '4w' });
  });
});

// who-owns as `steward serve --catalog DIR` answers it: the catalog store ingests the shop fixture
// (entities and its CODEOWNERS files), the ownership index reads the store, and a change to the
// catalog reaches the answers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { silentLogger } from '../../platform/logging.ts';
import { type Assembled, assemble } from '../../server/compose.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import type { WhoOwnsAnswer } from './schemas.ts';
import { type ShopRepo, writeShopRepo } from './who-owns/fixture.test-support.ts';

describeEachEngine('who-owns served from the catalog store', ({ db }) => {
  let shop: ShopRepo;
  let dataDir: string;
  let assembled: Assembled;
  let headers: Record<string, string>;

  beforeAll(async () => {
    shop = writeShopRepo();
    dataDir = mkdtempSync(join(tmpdir(), 'steward-who-owns-served-'));
    const config = { bodyLimit: 1024 * 1024, webDir: '/nonexistent', dataDir, catalogPaths: [shop.dir] };
    assembled = await assemble({ database: db(), logger: silentLogger(), config });
    await assembled.start();
    await assembled.app.ready();
    headers = { authorization: `Bearer ${readFileSync(join(dataDir, 'admin.token'), 'utf8').trim()}` };
  });

  afterAll(async () => {
    await assembled?.app.close();
    await assembled?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ask = async (...things: string[]): Promise<WhoOwnsAnswer[]> => {
    const query = new URLSearchParams(things.map((thing) => ['thing', thing]));
    const response = await assembled.app.inject({ url: `/api/v1/who-owns?${query}`, headers });
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };

  it('answers from the ingested entities and the CODEOWNERS file GitHub would read', async () => {
    const [file, entity, object] = await ask(
      'services/checkout/main.go',
      'checkout',
      'k8s:Deployment/shop/cart-web{app=cart,tier=frontend}',
    );
    // The store holds .github/CODEOWNERS and the decoy at the root; .github/ is the one GitHub reads.
    expect(file?.decidedBy).toMatchObject({ source: 'codeowners', file: '.github/CODEOWNERS', line: 2 });
    expect(file?.owners.map((o) => o.ref)).toEqual(['group:default/payments', 'user:default/alice-smith']);
    expect(entity).toMatchObject({
      owned: true,
      owners: [{ ref: 'group:default/payments', role: 'primary' }],
    });
    expect(object?.decidedBy).toMatchObject({ source: 'annotation', entity: 'component:default/cart-ui' });
  });

  it('sees a catalog change: an entity created through the API is answered for', async () => {
    expect((await ask('fresh'))[0]?.owned).toBe(false);
    const created = await assembled.app.inject({
      method: 'POST',
      url: '/api/v1/entities',
      headers,
      payload: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'fresh' },
        spec: { type: 'service', lifecycle: 'experimental', owner: 'group:storefront' },
      },
    });
    expect(created.statusCode).toBe(201);
    await vi.waitFor(async () => {
      const [answer] = await ask('fresh');
      expect(answer).toMatchObject({ owned: true, owners: [{ ref: 'group:default/storefront' }] });
    });
  });
});

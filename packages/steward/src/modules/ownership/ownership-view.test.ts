// The ownership index loads entities through a view (the fields ownership reads, no relations): it must
// answer every question exactly as an index of the whole entities does, and the view must hold exactly
// the fields it names, on both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobRunner } from '../../platform/jobs/index.ts';
import { silentLogger } from '../../platform/logging.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type CatalogEntity, type CatalogService, createCatalog } from '../catalog/index.ts';
import { ownershipView } from './who-owns/entity-fields.ts';
import { type ShopRepo, writeShopRepo } from './who-owns/fixture.test-support.ts';
import { buildOwnershipIndex, type CodeownersSource } from './who-owns/ownership-index.ts';
import { resolveOwnership } from './who-owns/resolve.ts';
import { parseThing } from './who-owns/thing.ts';

/** Questions of every kind the shop answers: entities, paths, Kubernetes objects, URLs, alerts. */
const questions = [
  'checkout',
  'search',
  'api:search',
  'group:payments',
  'service:default/cart',
  'orphan',
  'nope',
  'services/checkout/main.go',
  'services/checkout/vendor/lib.go',
  'services/cart/cart.go',
  'services/cart/ui/app.ts',
  'services/search/legacy/a.go',
  'services/till/x.go',
  'legacy/billing.py',
  'docs/guide.md',
  'tools/release.sh',
  'Makefile',
  'k8s:Deployment/shop/cart-web{app=cart,tier=frontend}',
  'k8s:Deployment/pay/checkout{backstage.io/kubernetes-id=checkout}',
  'k8s:Deployment/edge/proxy{app.kubernetes.io/name=edge}',
  'k8s:StatefulSet/pay/payments-api',
  'https://api.shop.example/payments/v2/charges',
  'https://other.example/',
  'alert:HighLatency{job="checkout"}',
  'alert:{alertname="PaymentsDown",service="payments",severity="critical"}',
  'alert:{service="cart",team="edge"}',
];

describeEachEngine('the ownership view of the catalog', ({ db }) => {
  let shop: ShopRepo;
  let dataDir: string;
  let jobs: JobRunner;
  let catalog: CatalogService;

  beforeAll(async () => {
    shop = writeShopRepo();
    dataDir = mkdtempSync(join(tmpdir(), 'steward-ownership-view-'));
    jobs = new JobRunner({ database: db(), logger: silentLogger() });
    catalog = createCatalog({ database: db(), logger: silentLogger(), dataDir, jobs });
    jobs.register(...catalog.jobs);
    await jobs.start();
    const summary = await catalog.ingestPath(shop.dir);
    expect(summary.added).toBeGreaterThan(10);
  });

  afterAll(async () => {
    await jobs?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(shop.dir, { recursive: true, force: true });
  });

  const codeowners = async (): Promise<CodeownersSource[]> =>
    (await catalog.codeownersFiles()).map((f) => ({
      repository: f.repository,
      file: f.path,
      text: f.content,
    }));

  it('answers every question as an index of the whole entities does', async () => {
    const files = await codeowners();
    const whole = buildOwnershipIndex({ entities: await catalog.loadEntities(), codeowners: files });
    const viewed = buildOwnershipIndex({
      entities: await catalog.loadEntities(ownershipView),
      codeowners: files,
    });
    const refs = [...whole.byRef.keys()];
    expect(refs.length).toBeGreaterThan(10);
    let owned = 0;
    for (const question of [...questions, ...refs]) {
      const parsed = parseThing(question);
      if (!parsed.ok) throw new Error(`${question}: ${parsed.message}`);
      const answer = resolveOwnership(parsed.thing, viewed);
      expect(answer, question).toEqual(resolveOwnership(parsed.thing, whole));
      if (answer.owned) owned++;
    }
    // The questions reach owners through entities, CODEOWNERS, selectors, links and annotations.
    const sources = new Set(
      [...questions, ...refs].flatMap((q) => {
        const parsed = parseThing(q);
        return parsed.ok ? [resolveOwnership(parsed.thing, viewed).decidedBy?.source] : [];
      }),
    );
    expect(owned).toBeGreaterThan(30);
    expect([...sources].sort()).toEqual(
      expect.arrayContaining(['annotation', 'codeowners', 'entity', 'selector']),
    );
  });

  it('holds exactly the fields it names, and no relations', async () => {
    const whole = await catalog.loadEntities();
    const viewed = await catalog.loadEntities(ownershipView);
    expect(viewed.map((e) => e.ref)).toEqual(whole.map((e) => e.ref));
    expect(whole.some((e) => e.relations.length > 0)).toBe(true);
    const named = (record: Record<string, unknown>, fields: readonly string[] = []) =>
      Object.fromEntries(
        fields.flatMap((f) => (record[f] === undefined || record[f] === null ? [] : [[f, record[f]]])),
      );
    whole.forEach((entity, i) => {
      const view = viewed[i] as CatalogEntity;
      expect(view).toEqual({
        ...entity,
        metadata: named(entity.metadata, ownershipView.metadata),
        spec: named(entity.spec, ownershipView.spec),
        relations: [],
      });
    });
    // The shop uses most of what ownership reads: a view missing them would show here.
    const present = new Set(viewed.flatMap((e) => [...Object.keys(e.metadata), ...Object.keys(e.spec)]));
    expect([...present].sort()).toEqual([
      'annotations',
      'owner',
      'path',
      'profile',
      'repository',
      'selectors',
    ]);
    // One entity by ref, through the same view.
    const [one] = await catalog.loadEntitiesByRef(['Component:default/checkout'], ownershipView);
    expect(one).toEqual(viewed.find((e) => e.ref === 'component:default/checkout'));
  });
});

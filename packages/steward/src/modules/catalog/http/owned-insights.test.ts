// What a team's home asks of the catalog: the problems of what the team owns, and the latest changes
// to it, newest first; other teams' entities stay out of both.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';

const doc = (kind: string, name: string, spec: string) =>
  `---\napiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

const catalog = [
  doc('Group', 'payments', '  type: team\n  children: []\n'),
  doc('Group', 'storefront', '  type: team\n  children: []\n'),
  doc(
    'Component',
    'checkout',
    '  type: service\n  lifecycle: production\n  owner: payments\n  dependsOn: [component:gone]\n',
  ),
  doc('Component', 'ledger', '  type: service\n  lifecycle: production\n  owner: group:payments\n'),
  doc(
    'Component',
    'web',
    '  type: website\n  lifecycle: production\n  owner: storefront\n  dependsOn: [resource:lost-db]\n',
  ),
].join('');

const apiEntity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'group:payments' },
});

describeEachEngine('what a team owns: its problems and recent changes', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: org.tokens.admin,
      body: { kind: 'upload', name: 'small', files: [{ path: 'catalog-info.yaml', content: catalog }] },
    });
    expect((await steward.jobOf(upload, org.tokens.admin)).result).toMatchObject({ added: 5, errorCount: 0 });
  });
  afterAll(async () => {
    await steward?.close();
  });

  const get = (url: string) => steward.call('GET', url, { token: org.tokens.viewer });

  it('answers the problems of the entities an owner owns, and no others', async () => {
    const answer = (await get('/api/v1/catalog/problems?owner=payments')).json();
    expect(answer.items.map((p: { entity: string; code: string }) => [p.entity, p.code])).toEqual([
      ['component:default/checkout', 'dangling-ref'],
    ]);
    const storefront = (await get('/api/v1/catalog/problems?owner=group:default/storefront')).json();
    expect(storefront.items.map((p: { entity: string }) => p.entity)).toEqual(['component:default/web']);
  });

  it('answers the latest changes to what an owner owns, newest first', async () => {
    const before = (await get('/api/v1/catalog/changes?owner=payments')).json();
    expect(before.items.map((c: { entity: string }) => c.entity).sort()).toEqual([
      'component:default/checkout',
      'component:default/ledger',
    ]);
    expect(before.items.every((c: { change: string }) => c.change === 'created')).toBe(true);

    const created = await steward.call('POST', '/api/v1/entities', {
      token: org.tokens.admin,
      body: apiEntity('fraud-check'),
    });
    expect(created.statusCode).toBe(201);
    const after = (await get('/api/v1/catalog/changes?owner=group:payments&limit=2')).json();
    expect(after.items).toHaveLength(2);
    expect(after.items[0]).toMatchObject({
      entity: 'component:default/fraud-check',
      change: 'created',
      actor: expect.stringMatching(/^user:/),
    });
    const storefront = (await get('/api/v1/catalog/changes?owner=storefront')).json();
    expect(storefront.items.map((c: { entity: string }) => c.entity)).toEqual(['component:default/web']);
  });

  it('says which field is wrong when the owner is not a ref', async () => {
    // Backstage reads nearly any text as a ref (`not a ref` is group:default/not a ref); an empty name it refuses.
    const bad = await get('/api/v1/catalog/changes?owner=group%3A');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('querystring.owner');
    const missing = await get('/api/v1/catalog/changes');
    expect(missing.statusCode).toBe(400);
  });

  it('says an entity read from an upload was read at no commit', async () => {
    const detail = (await get('/api/v1/entities/component/default/ledger')).json();
    expect(detail.source).toMatchObject({ kind: 'upload', revision: null });
  });
});

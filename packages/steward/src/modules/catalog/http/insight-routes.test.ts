// The dependency graph with owners and the orphans report, over HTTP, on a catalog small enough to
// check by eye: which edges and nodes each question gives, and which entities are orphans and why.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';

const doc = (kind: string, name: string, spec: string, metadata = '', apiVersion = 'backstage.io/v1alpha1') =>
  `---\napiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${metadata}spec:\n${spec}`;

const catalog = [
  doc('Group', 'platform', '  type: team\n  children: [payments]\n'),
  doc('Group', 'payments', '  type: team\n  parent: platform\n  children: []\n'),
  doc('Group', 'ghosts', '  type: team\n  children: []\n'),
  doc('User', 'mia', '  memberOf: [payments]\n'),
  doc(
    'Component',
    'checkout',
    '  type: service\n  lifecycle: production\n  owner: payments\n  dependsOn: [component:ledger]\n  consumesApis: [ledger-api]\n',
    '  links:\n    - url: https://runbooks.example.com/checkout\n      type: runbook\n',
  ),
  doc(
    'Component',
    'ledger',
    '  type: service\n  lifecycle: production\n  owner: payments\n  providesApis: [ledger-api]\n  dependsOn: [resource:ghost-db]\n',
  ),
  doc(
    'API',
    'ledger-api',
    '  type: openapi\n  lifecycle: production\n  owner: payments\n  definition: "openapi: 3.1.0"\n',
  ),
  doc('Component', 'nightly-job', '  type: job\n  lifecycle: production\n  owner: group:nobody\n'),
  doc('Component', 'website', '  type: website\n  lifecycle: production\n  owner: payments\n'),
  doc(
    'Service',
    'fraud',
    '  lifecycle: production\n  tier: 2\n  owners:\n    - ref: group:ghosts\n      role: primary\n  runbook: https://runbooks.example.com/fraud\n',
    '',
    'steward.dev/v1',
  ),
].join('');

describeEachEngine('catalog graph and orphans', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    const files = [{ path: 'catalog-info.yaml', content: catalog }];
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: org.tokens.admin,
      body: { kind: 'upload', name: 'small', files },
    });
    expect((await steward.jobOf(upload, org.tokens.admin)).result).toMatchObject({
      added: 10,
      errorCount: 0,
      warningCount: 2,
    });
  });
  afterAll(async () => {
    await steward?.close();
  });

  const get = (url: string) => steward.call('GET', url, { token: org.tokens.viewer }).then((r) => r.json());
  const edgesOf = (graph: { edges: { from: string; type: string; to: string }[] }) =>
    graph.edges.map((e) => `${e.from} ${e.type} ${e.to}`).sort();

  it('follows what an entity declares, with the owners of every node and no ownership edges', async () => {
    const graph = await get('/api/v1/catalog/graph?ref=component:checkout&depth=1&direction=outgoing');
    expect(edgesOf(graph)).toEqual([
      'component:default/checkout consumesApi api:default/ledger-api',
      'component:default/checkout dependsOn component:default/ledger',
    ]);
    expect(graph.nodes.map((n: { ref: string }) => n.ref).sort()).toEqual([
      'api:default/ledger-api',
      'component:default/checkout',
      'component:default/ledger',
    ]);
    expect(graph.nodes.find((n: { ref: string }) => n.ref === 'component:default/ledger')).toEqual({
      ref: 'component:default/ledger',
      kind: 'component',
      name: 'ledger',
      title: null,
      owners: [{ ref: 'group:default/payments', role: 'primary' }],
      exists: true,
    });
    expect(graph.truncated).toBe(false);
  });

  it('goes deeper both ways, and shows refs no entity answers to as missing nodes', async () => {
    const graph = await get('/api/v1/catalog/graph?ref=component:default/checkout&depth=2');
    expect(edgesOf(graph)).toEqual([
      'component:default/checkout consumesApi api:default/ledger-api',
      'component:default/checkout dependsOn component:default/ledger',
      'component:default/ledger dependsOn resource:default/ghost-db',
      'component:default/ledger providesApi api:default/ledger-api',
    ]);
    expect(graph.nodes.find((n: { ref: string }) => n.ref === 'resource:default/ghost-db')).toEqual({
      ref: 'resource:default/ghost-db',
      kind: 'resource',
      name: 'ghost-db',
      title: null,
      owners: [],
      exists: false,
    });
  });

  it('follows what others declare about an entity, edges read as declared', async () => {
    const graph = await get('/api/v1/catalog/graph?ref=api:ledger-api&depth=1&direction=incoming');
    expect(edgesOf(graph)).toEqual([
      'component:default/checkout consumesApi api:default/ledger-api',
      'component:default/ledger providesApi api:default/ledger-api',
    ]);
    const bad = await steward.call('GET', '/api/v1/catalog/graph?ref=not%20a%20ref', {
      token: org.tokens.viewer,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('querystring.ref');
  });

  it('reports entities without a valid owner, teams without members, services without a runbook', async () => {
    expect(await get('/api/v1/catalog/orphans')).toEqual({
      unowned: { total: 1, items: [{ ref: 'component:default/nightly-job', owner: 'group:default/nobody' }] },
      teamsWithoutMembers: { total: 1, items: [{ ref: 'group:default/ghosts', title: null }] },
      servicesWithoutRunbook: {
        total: 1,
        items: [{ ref: 'component:default/ledger', owner: 'group:default/payments' }],
      },
    });
  });

  it('lists the source problems (here the two dangling refs) per source and per entity', async () => {
    const sources = (await get('/api/v1/catalog/sources')).items;
    const id = sources.find((s: { name: string }) => s.name === 'small').id;
    const problems = (await get(`/api/v1/catalog/problems?source=${id}`)).items;
    expect(
      problems.map((p: { entity: string; code: string; line: number }) => [p.entity, p.code, p.line]),
    ).toEqual([
      // ledger's dependsOn is on line 57, nightly-job's owner on line 76 (counted in the joined text).
      ['component:default/ledger', 'dangling-ref', 57],
      ['component:default/nightly-job', 'dangling-ref', 76],
    ]);
    const forJob = (await get('/api/v1/catalog/problems?entity=component:nightly-job')).items;
    expect(forJob).toHaveLength(1);
  });
});

// A Backstage-style monorepo served: each catalog-info.yaml's directory is its entity's location
// (deepest wins), backstage.io/source-location and metadata.links answer for URLs, an owner the
// catalog lacks is still the owner, and an entity rejected for errors is reported as such by
// who-owns and by the entity API. Expected owners are read off the files below.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logging.ts';
import { type Assembled, assemble } from '../../server/compose.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { writeGitRepo } from './git-repo.test-support.ts';
import type { WhoOwnsAnswer } from './schemas.ts';

const component = (name: string, owner: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${extra}spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;

const groups = ['payments', 'jobs']
  .map(
    (name) => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
spec:
  type: team
  children: []
`,
  )
  .join('---\n');

const files = {
  'catalog-info.yaml': groups,
  CODEOWNERS: '/Makefile @acme/build\n',
  'services/payments/catalog-info.yaml': component(
    'payments',
    'group:payments',
    '  links:\n    - url: https://grafana.acme.example/d/payments/\n      title: Dashboard\n',
  ),
  'services/payments/worker/catalog-info.yaml': component('payments-worker', 'group:jobs'),
  'catalog/legacy.yaml': component(
    'legacy',
    'group:platform',
    '  annotations:\n    backstage.io/source-location: url:https://github.com/acme/mono/tree/main/legacy/\n',
  ),
  // spec.type must be a string (Backstage's Component schema says so too): rejected.
  'services/broken/catalog-info.yaml': component('broken', 'group:payments').replace(
    'type: service',
    'type: 42',
  ),
};

describeEachEngine('who-owns in a monorepo', ({ db }) => {
  let mono: string;
  let dataDir: string;
  let assembled: Assembled;
  let headers: Record<string, string>;

  beforeAll(async () => {
    mono = writeGitRepo(files, 'https://github.com/acme/mono.git');
    dataDir = mkdtempSync(join(tmpdir(), 'steward-who-owns-mono-'));
    const config = { bodyLimit: 1024 * 1024, webDir: '/nonexistent', dataDir, catalogPaths: [mono] };
    assembled = await assemble({ database: db(), logger: silentLogger(), config });
    await assembled.start();
    await assembled.app.ready();
    headers = { authorization: `Bearer ${readFileSync(join(dataDir, 'admin.token'), 'utf8').trim()}` };
  });

  afterAll(async () => {
    await assembled?.app.close();
    await assembled?.stop();
    for (const dir of [dataDir, mono]) rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (...things: string[]): Promise<WhoOwnsAnswer[]> => {
    const query = new URLSearchParams(things.map((thing) => ['thing', thing]));
    const response = await assembled.app.inject({ url: `/api/v1/who-owns?${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };
  const refs = (answer: WhoOwnsAnswer | undefined) => answer?.owners.map((o) => o.ref);

  it('maps a path to the entity whose catalog-info.yaml directory holds it, deepest first', async () => {
    const [api, worker, stray] = await ask(
      'services/payments/api/handler.go',
      'services/payments/worker/main.go',
      'catalog/legacy.yaml',
    );
    expect(api).toMatchObject({ owned: true, repository: 'github.com/acme/mono' });
    expect(api?.decidedBy).toMatchObject({ entity: 'component:default/payments' });
    expect(refs(api)).toEqual(['group:default/payments']);
    expect(worker?.decidedBy).toMatchObject({ entity: 'component:default/payments-worker' });
    expect(refs(worker)).toEqual(['group:default/jobs']);
    // A catalog file not named catalog-info.yaml says nothing about its directory.
    expect(stray).toMatchObject({ owned: false });
  });

  it('maps source-location and says an owner missing from the catalog is still the owner', async () => {
    const [legacy] = await ask('legacy/billing.py');
    expect(legacy).toMatchObject({
      owned: true,
      owners: [{ ref: 'group:default/platform', role: 'primary', inCatalog: false }],
      decidedBy: { source: 'annotation', entity: 'component:default/legacy' },
    });
    expect(legacy?.explanation).toContain('group:default/platform, not in this catalog');
  });

  it('answers URLs into the repository, and URLs under an entity link', async () => {
    const [blob, tree, dashboard, elsewhere] = await ask(
      'https://github.com/acme/mono/blob/main/services/payments/worker/main.go',
      'https://github.com/acme/mono/tree/main/legacy',
      'https://grafana.acme.example/d/payments/overview?from=now-1h',
      'https://grafana.acme.example/d/other',
    );
    expect(blob).toMatchObject({ kind: 'url', owned: true, repository: 'github.com/acme/mono' });
    expect(refs(blob)).toEqual(['group:default/jobs']);
    expect(tree?.decidedBy).toMatchObject({ entity: 'component:default/legacy' });
    expect(dashboard?.decidedBy).toMatchObject({
      entity: 'component:default/payments',
      rule: 'metadata.links: https://grafana.acme.example/d/payments/',
    });
    expect(refs(dashboard)).toEqual(['group:default/payments']);
    expect(elsewhere).toMatchObject({ owned: false, decidedBy: null });
  });

  it('reads a bare word that is no entity as a path a repository knows', async () => {
    const [makefile] = await ask('Makefile');
    expect(makefile).toMatchObject({
      kind: 'path',
      owned: true,
      repository: 'github.com/acme/mono',
      owners: [{ codeowner: '@acme/build', ref: null, inCatalog: false }],
    });
    expect(makefile?.explanation).toMatch(/^No entity is named Makefile, so it was read as a path/);
  });

  it('reports a rejected entity with its problems, by ref and by name', async () => {
    const [byRef, byName] = await ask('component:default/broken', 'broken');
    for (const answer of [byRef, byName]) {
      expect(answer).toMatchObject({
        kind: 'entity',
        owned: false,
        decidedBy: { file: 'services/broken/catalog-info.yaml', entity: 'component:default/broken' },
        rejected: {
          ref: 'component:default/broken',
          file: 'services/broken/catalog-info.yaml',
          problems: [{ line: 6, column: 9, code: 'invalid-type' }],
        },
      });
      expect(answer?.explanation).toMatch(/^component:default\/broken was rejected: spec\.type/);
    }
  });

  it('answers a lookup of a rejected entity with 404 carrying its problems at file:line:col', async () => {
    const response = await assembled.app.inject({
      url: '/api/v1/entities/component/default/broken',
      headers,
    });
    expect(response.statusCode).toBe(404);
    const problem = response.json();
    expect(problem.detail).toMatch(/component:default\/broken is not in the catalog: it was rejected/);
    expect(problem.errors).toEqual([
      {
        field: 'services/broken/catalog-info.yaml:6:9',
        message: expect.stringMatching(/^invalid-type: spec\.type/),
      },
    ]);
    const rejected = await assembled.app.inject({ url: '/api/v1/catalog/rejected', headers });
    expect(rejected.json().items).toEqual([
      expect.objectContaining({
        ref: 'component:default/broken',
        file: 'services/broken/catalog-info.yaml',
        problems: [expect.objectContaining({ line: 6, column: 9, code: 'invalid-type' })],
      }),
    ]);
    const sources = (await assembled.app.inject({ url: '/api/v1/catalog/sources', headers })).json().items;
    expect(sources.find((s: { kind: string }) => s.kind === 'dir').repository).toEqual({
      name: 'https://github.com/acme/mono.git',
      path: '',
    });
    const missing = await assembled.app.inject({ url: '/api/v1/entities/component/default/nope', headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().errors).toBeUndefined();
  });
});

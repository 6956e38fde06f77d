// `GET /api/v1/who-owns` in-process, and the ownership service behind it: the index is built once,
// rebuilt behind the answers after rebuild(), and a failed load is retried rather than cached.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Authenticator, scopesForRole } from '../../platform/auth/principal.ts';
import { silentLogger } from '../../platform/logging.ts';
import { createMetrics } from '../../platform/metrics.ts';
import { type App, createApp, registerRoutes } from '../../server/app.ts';
import { type CatalogEntity, loadCatalog } from '../catalog/index.ts';
import { createOwnershipService, type OwnershipService } from './ownership-service.ts';
import { type WhoOwnsAnswer, whoOwnsResponseSchema } from './schemas.ts';
import { type ShopRepo, writeShopRepo } from './who-owns/fixture.test-support.ts';
import type { CodeownersSource } from './who-owns/ownership-index.ts';
import { whoOwnsRoutes } from './who-owns-routes.ts';

const reader: Authenticator = {
  async authenticate(request) {
    if (request.headers.authorization !== 'Bearer reader') return null;
    return {
      userId: 'u1',
      handle: 'viewer',
      name: 'Viewer',
      role: 'viewer',
      scopes: scopesForRole.viewer,
      teamIds: [],
      teams: [],
      via: 'token',
    };
  },
};
const headers = { authorization: 'Bearer reader' };

let shop: ShopRepo;
let entities: CatalogEntity[];
let codeowners: CodeownersSource[];
let service: OwnershipService;
let app: App;

beforeAll(async () => {
  shop = writeShopRepo();
  entities = (await loadCatalog([shop.catalogDir])).entities;
  codeowners = [
    {
      repository: 'github.com/shop/monorepo',
      file: '.github/CODEOWNERS',
      text: readFileSync(shop.codeownersFile, 'utf8'),
    },
  ];
  service = createOwnershipService({
    loadEntities: async () => entities,
    loadCodeowners: async () => codeowners,
  });
  app = await createApp({
    logger: silentLogger(),
    metrics: createMetrics(),
    authenticator: reader,
    bodyLimit: 1024 * 1024,
    isReady: async () => true,
    version: 'test',
  });
  await registerRoutes(app, whoOwnsRoutes(service));
  await app.ready();
});

afterAll(async () => {
  await app?.close();
});

const ask = (query: string) => app.inject({ url: `/api/v1/who-owns?${query}`, headers });

describe('GET /api/v1/who-owns', () => {
  it('answers repeated things in order, in the declared shape', async () => {
    const response = await ask(
      `thing=checkout&thing=${encodeURIComponent('path:services/checkout/vendor/x.go')}&thing=nope`,
    );
    expect(response.statusCode).toBe(200);
    const body = whoOwnsResponseSchema.parse(response.json());
    expect(body.items.map((a) => [a.thing, a.kind, a.owned])).toEqual([
      ['checkout', 'entity', true],
      ['path:services/checkout/vendor/x.go', 'path', false],
      ['nope', 'entity', false],
    ]);
    expect(body.items[1]?.decidedBy).toMatchObject({
      source: 'codeowners',
      file: '.github/CODEOWNERS',
      line: 3,
    });
  });

  it('takes the repository a path is in', async () => {
    const home = (await ask('thing=tools/x.sh')).json().items[0];
    expect(home.decidedBy).toMatchObject({ entity: 'component:default/tooling' });
    expect(home.repository).toBe('github.com/shop/monorepo');
    // A repository the server does not know is refused, naming those it knows (not answered "nobody").
    const away = await ask('thing=tools/x.sh&repository=https://github.com/shop/other');
    expect(away.statusCode).toBe(400);
    expect(away.json().errors).toEqual([
      {
        field: 'query.repository',
        message: expect.stringContaining(
          'github.com/shop/other is not a repository this server knows; it knows github.com/shop/monorepo',
        ),
      },
    ]);
  });

  it('rejects a bad thing with problem+json naming which one and the syntax', async () => {
    const response = await ask(`thing=checkout&thing=${encodeURIComponent('alert:HighErrorRate')}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: 'query.thing[1]', message: expect.stringContaining('alert:{alertname=') },
    ]);
  });

  it('rejects a missing thing, an unknown parameter and an unreadable repository', async () => {
    expect((await ask('')).statusCode).toBe(400);
    expect((await ask('thing=checkout&colour=blue')).statusCode).toBe(400);
    const repository = await ask('thing=x/y&repository=%20');
    expect(repository.statusCode).toBe(400);
    expect(repository.json().errors[0].field).toBe('query.repository');
  });

  it('asks for credentials', async () => {
    expect((await app.inject('/api/v1/who-owns?thing=checkout')).statusCode).toBe(401);
  });
});

describe('POST /api/v1/who-owns', () => {
  const askMany = (payload: unknown) =>
    app.inject({ method: 'POST', url: '/api/v1/who-owns', headers, payload: payload as object });

  it('answers a list in order, each as the GET answers it', async () => {
    const things = [
      'services/checkout/main.go',
      'checkout',
      'tools/x.sh',
      'nope',
      'services/checkout/main.go',
    ];
    const response = await askMany({ things });
    expect(response.statusCode).toBe(200);
    const batch = whoOwnsResponseSchema.parse(response.json()).items;
    expect(batch.map((a) => a.thing)).toEqual(things);
    for (const [i, thing] of things.entries()) {
      const one = (await ask(`thing=${encodeURIComponent(thing)}`)).json().items[0];
      expect(batch[i], thing).toEqual(one);
    }
  });

  it('takes up to 1,000 things and refuses more, naming the field and the limit', async () => {
    const paths = Array.from({ length: 1000 }, (_, i) => `services/checkout/f${i}.go`);
    const full = await askMany({ things: paths });
    expect(full.statusCode).toBe(200);
    expect(full.json().items).toHaveLength(1000);
    const over = await askMany({ things: [...paths, 'one-more'] });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors).toEqual([{ field: 'body.things', message: expect.stringContaining('1000') }]);
  });

  it('names a bad thing and an unknown repository by where the body holds them', async () => {
    const bad = await askMany({ things: ['checkout', 'alert:HighErrorRate'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'body.things[1]', message: expect.stringContaining('alert:{alertname=') },
    ]);
    const away = await askMany({ things: ['tools/x.sh'], repository: 'github.com/shop/other' });
    expect(away.statusCode).toBe(400);
    expect(away.json().errors).toEqual([
      {
        field: 'body.repository',
        message: expect.stringContaining('github.com/shop/other is not a repository'),
      },
    ]);
  });

  it('refuses an empty list, an empty thing, an unknown field, and asks for credentials', async () => {
    expect((await askMany({ things: [] })).statusCode).toBe(400);
    expect((await askMany({ things: [''] })).json().errors[0].field).toBe('body.things.0');
    expect((await askMany({ things: ['checkout'], colour: 'blue' })).statusCode).toBe(400);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/who-owns',
      payload: { things: ['x'] },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the ownership service', () => {
  /** A service over `current`, counting loads; `gate`, when set, holds a load until it resolves. */
  function countingService() {
    const state = { loads: 0, current: entities, gate: undefined as Promise<void> | undefined, fail: false };
    const owns = createOwnershipService({
      loadEntities: async () => {
        state.loads++;
        const { current, fail } = state;
        await state.gate;
        if (fail) throw new Error('the catalog store is not reachable');
        return current;
      },
      loadCodeowners: async () => codeowners,
    });
    const ownedCheckout = async () => (await owns.whoOwns(['component:checkout']))[0]?.owned;
    return { state, owns, ownedCheckout };
  }
  const withoutCheckout = () => entities.filter((e) => e.name !== 'checkout');

  it('builds the index once for concurrent questions, and again when the catalog changed', async () => {
    const { state, owns, ownedCheckout } = countingService();
    await Promise.all([owns.whoOwns(['cart']), owns.whoOwns(['edge'])]);
    expect(await ownedCheckout()).toBe(true);
    expect(state.loads).toBe(1);
    state.current = withoutCheckout();
    expect(await ownedCheckout()).toBe(true);
    await owns.rebuild();
    expect(state.loads).toBe(2);
    expect(await ownedCheckout()).toBe(false);
  });

  it('answers from the previous index while a rebuild runs, and folds changes during it into one more build', async () => {
    const { state, owns, ownedCheckout } = countingService();
    await owns.index();
    let release = () => {};
    state.gate = new Promise((resolve) => {
      release = resolve;
    });
    state.current = withoutCheckout();
    const changes = [owns.rebuild()];
    await vi.waitFor(() => expect(state.loads).toBe(2));
    changes.push(owns.rebuild(), owns.rebuild());
    expect(await ownedCheckout()).toBe(true);
    release();
    await Promise.all(changes);
    expect(await ownedCheckout()).toBe(false);
    // The first build, the one in flight when the changes came, and one more for the changes.
    expect(state.loads).toBe(3);
  });

  it('is unavailable while no index could be built, and tries again on the next question', async () => {
    const { state, owns } = countingService();
    state.fail = true;
    await expect(owns.whoOwns(['cart'])).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('the catalog store is not reachable'),
    });
    state.fail = false;
    expect((await owns.whoOwns(['cart']))[0]?.owned).toBe(true);
    expect(state.loads).toBe(2);
  });

  it('keeps answering from the previous index when a rebuild fails', async () => {
    const { state, owns, ownedCheckout } = countingService();
    await owns.index();
    state.fail = true;
    state.current = withoutCheckout();
    await expect(owns.rebuild()).rejects.toThrow('not reachable');
    expect(await ownedCheckout()).toBe(true);
    state.fail = false;
    // That question found the index stale and rebuilt it behind its answer.
    await vi.waitFor(async () => expect(await ownedCheckout()).toBe(false));
  });
});

describe('steward who-owns --server', () => {
  it('asks the server, prints the same shape, and still refuses a bad thing itself', async () => {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const binary = resolve(import.meta.dirname, '../../../bin/steward.js');
    const env = { ...process.env, STEWARD_TOKEN: 'reader', STEWARD_CONFIG: '/nonexistent/steward.json' };
    // Asynchronous: the server answering the CLI runs on this same event loop.
    const run = (args: string[], stdin = '') =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn(process.execPath, [binary, 'who-owns', '--server', url, ...args], { env });
        child.stdin.end(stdin);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => done({ code, stdout, stderr }));
      });
    const answered = await run(['checkout', 'services/checkout/main.go', '--format', 'json']);
    expect(answered.code).toBe(0);
    const items = JSON.parse(answered.stdout);
    expect(items.map((a: { kind: string; owned: boolean }) => [a.kind, a.owned])).toEqual([
      ['entity', true],
      ['path', true],
    ]);
    expect(items[1].decidedBy).toMatchObject({ file: '.github/CODEOWNERS', line: 2 });
    const refused = await run(['alert:nope']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('write alert:{alertname=');

    // 2,500 paths from stdin: more than one request may carry, answered in order, printed as one
    // JSON document exactly as the answers stringified whole.
    const paths = Array.from({ length: 2500 }, (_, i) => `services/${i % 2 ? 'checkout' : 'cart'}/f${i}.go`);
    const many = await run(['first', '-', '--format', 'json'], `${paths.join('\n')}\n`);
    expect(many.code, many.stderr).toBe(0);
    const printed = JSON.parse(many.stdout) as WhoOwnsAnswer[];
    expect(printed.map((a) => a.thing)).toEqual(['first', ...paths]);
    expect(many.stdout).toBe(`${JSON.stringify(printed, null, 2)}\n`);
    const sample = await app.inject({
      method: 'POST',
      url: '/api/v1/who-owns',
      headers,
      payload: { things: [paths[1], paths[2498]] },
    });
    expect([printed[2], printed[2499]]).toEqual(sample.json().items);
    const lines = await run(['-'], 'checkout\n\nservices/checkout/main.go\n');
    expect(lines.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^checkout → /),
      expect.stringMatching(/^services\/checkout\/main\.go → .*\.github\/CODEOWNERS:2/),
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../platform/realtime/protocol.ts';
import { createTestDatabase, type TestDatabase } from './test-engines.ts';
import { type SpawnedSteward, spawnSteward } from './test-serve.ts';
import { StreamClient } from './test-stream.ts';

let database: TestDatabase;
const servers: SpawnedSteward[] = [];

async function startServe(url: string): Promise<SpawnedSteward> {
  const serve = await spawnSteward({ databaseUrl: url });
  servers.push(serve);
  return serve;
}

/** Polls until `check` passes; answers how long it took, failing after `ms`. */
async function within(ms: number, check: () => Promise<void>): Promise<number> {
  const start = performance.now();
  for (;;) {
    try {
      await check();
      return performance.now() - start;
    } catch (error) {
      if (performance.now() - start > ms) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

async function ok(response: Promise<Response>): Promise<Record<string, unknown>> {
  const answer = await response;
  const text = await answer.text();
  if (answer.status >= 300) throw new Error(`${answer.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

const component = (name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: { type: 'service', lifecycle: 'production', owner },
});

let one: SpawnedSteward;
let two: SpawnedSteward;
let admin: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase('postgres');
  const url = database.url as string;
  one = await startServe(url);
  two = await startServe(url);
  admin = one.adminToken();
  for (const team of ['payments', 'search']) {
    // A team is a Group in the catalog, so who-owns names it as an owner the catalog has.
    await ok(one.call('POST', '/api/v1/teams', admin, { name: team }));
  }
  for (const [handle, team] of [
    ['noah', 'payments'],
    ['otto', 'search'],
  ] as const) {
    await ok(one.call('POST', '/api/v1/users', admin, { handle, name: handle, role: 'member' }));
    await ok(one.call('PUT', `/api/v1/teams/${team}/members/${handle}`, admin, { role: 'member' }));
    const token = await ok(
      one.call('POST', '/api/v1/tokens', admin, { name: 'fleet', owner: handle, scopes: ['read', 'write'] }),
    );
    tokens[handle] = token.secret as string;
  }
  const mia = { handle: 'mia', name: 'Mia', role: 'member', password: 'correct horse battery' };
  await ok(one.call('POST', '/api/v1/users', admin, mia));
}, 90_000);

afterAll(async () => {
  for (const serve of servers) await serve.stop();
  await database?.drop();
}, 30_000);

describe('two servers on one PostgreSQL', () => {
  it('see a write on the other within a second: who-owns, lists, the live channel, permissions', async () => {
    const follower = await StreamClient.connect(`${two.url.replace('http', 'ws')}/api/v1/stream`, admin);
    await follower.subscribe(['catalog']);
    const ref = 'component:default/checkout';
    const entityPath = '/api/v1/entities/component/default/checkout';
    const owner = async (serve: SpawnedSteward) => {
      const answer = await ok(serve.call('GET', `/api/v1/who-owns?thing=${ref}`, admin));
      return (answer.items as { owners: { ref: string }[] }[])[0]?.owners[0]?.ref;
    };

    await ok(one.call('POST', '/api/v1/entities', tokens.otto, component('checkout', 'search')));
    await within(1000, async () => expect(await owner(two)).toBe('group:default/search'));
    await within(1000, async () => {
      const list = await ok(two.call('GET', '/api/v1/entities?q=checkout', admin));
      expect((list.items as { ref: string }[]).map((e) => e.ref)).toContain(ref);
    });
    const created = (e: StreamEvent) =>
      e.data && (e.data as { entity?: string; change?: string }).change === 'created';
    await within(1000, async () => expect(catalogEvents(follower).filter(created)).toHaveLength(1));

    // The team that owns it changes on server one; on server two, payments may edit it, search no longer.
    expect((await two.call('PUT', entityPath, tokens.noah, component('checkout', 'payments'))).status).toBe(
      403,
    );
    await ok(one.call('PUT', entityPath, admin, component('checkout', 'payments')));
    await within(1000, async () => expect(await owner(two)).toBe('group:default/payments'));
    const edited = {
      ...component('checkout', 'payments'),
      metadata: { name: 'checkout', description: 'pays' },
    };
    expect((await two.call('PUT', entityPath, tokens.noah, edited)).status).toBe(200);
    expect((await two.call('PUT', entityPath, tokens.otto, edited)).status).toBe(403);

    // Each change reached the follower once, though both servers receive every domain event.
    await within(1000, async () => expect(catalogEvents(follower)).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 300));
    expect(catalogEvents(follower).map((e) => (e.data as { change: string }).change)).toEqual([
      'created',
      'updated',
      'updated',
    ]);
    follower.socket.close();
  }, 30_000);

  it('count failed sign-ins across both servers', async () => {
    const attempt = (serve: SpawnedSteward) =>
      serve.call('POST', '/api/v1/auth/login', undefined, { handle: 'mia', password: 'wrong guess' });
    // The strictest budget: 10 failures for a handle from one address, spent half on each server.
    for (let i = 0; i < 10; i++) expect((await attempt(i % 2 === 0 ? one : two)).status).toBe(401);
    expect((await attempt(one)).status).toBe(429);
    expect((await attempt(two)).status).toBe(429);
  }, 30_000);

  it('read an upload added on one server again on the other', async () => {
    const file = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: production, owner: payments }
`;
    const upload = {
      kind: 'upload',
      name: 'ledger-upload',
      files: [{ path: 'catalog-info.yaml', content: file }],
    };
    const added = await ok(one.call('POST', '/api/v1/catalog/sources', admin, upload));
    const id = (added.source as { id?: string } | undefined)?.id ?? (added.id as string | undefined);
    const sources = await ok(two.call('GET', '/api/v1/catalog/sources', admin));
    const listed = (sources.items as { id: string; name: string }[]).find((s) => s.name === 'ledger-upload');
    expect(listed).toBeDefined();
    if (id) expect(listed?.id).toBe(id);
    await ok(two.call('POST', `/api/v1/catalog/sources/${listed?.id}/refresh`, admin));
    await within(5000, async () => {
      const entity = await ok(two.call('GET', '/api/v1/entities/component/default/ledger', admin));
      expect(entity.ref).toBe('component:default/ledger');
    });
  }, 30_000);

  it('keep one truth for teams and people: a team made on one is a Group on the other, a person removed on one is out on both', async () => {
    await ok(two.call('POST', '/api/v1/teams', admin, { name: 'fleet-ops' }));
    const group = await ok(one.call('GET', '/api/v1/entities/group/default/fleet-ops', admin));
    expect(group.ref).toBe('group:default/fleet-ops');
    expect((await ok(one.call('GET', '/api/v1/teams/fleet-ops', admin))).name).toBe('fleet-ops');

    expect((await two.call('GET', '/api/v1/me', tokens.otto)).status).toBe(200);
    const removed = await one.call('DELETE', '/api/v1/entities/user/default/otto', admin);
    expect(removed.status).toBe(204);
    await within(1000, async () =>
      expect((await two.call('GET', '/api/v1/me', tokens.otto)).status).toBe(401),
    );
    expect((await one.call('GET', '/api/v1/me', tokens.otto)).status).toBe(401);
  }, 30_000);
});

function catalogEvents(client: StreamClient): StreamEvent[] {
  return client.received
    .flatMap((m) => (m.type === 'events' ? m.events : []))
    .filter((e) => e.topic === 'catalog' && e.type === 'catalog.changed');
}

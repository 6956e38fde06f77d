// Two `steward serve` processes on one PostgreSQL database, as a fleet runs: a write on one is seen on
// the other within a second (who-owns, entity list, live channel, permission checks), the sign-in
// throttle counts across both, and an upload added on one is read again on the other. Needs
// PostgreSQL (STEWARD_TEST_DATABASE_URL, always set in CI): without it this file fails, loudly.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../platform/realtime/protocol.ts';
import { createTestDatabase, type TestDatabase } from './test-engines.ts';
import { StreamClient } from './test-stream.ts';

const bin = resolve(import.meta.dirname, '../../bin/steward.js');

interface Serve {
  origin: string;
  dataDir: string;
  child: ChildProcess;
  call(method: string, path: string, token?: string, body?: unknown): Promise<Response>;
}

let database: TestDatabase;
const servers: Serve[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function startServe(url: string): Promise<Serve> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-fleet-'));
  const port = await freePort();
  const args = [bin, 'serve', '--database-url', url, '--data-dir', dataDir, '--port', String(port)];
  const child = spawn(process.execPath, args, { env: { ...process.env, STEWARD_LOG_LEVEL: 'warn' } });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (
      (await fetch(`${origin}/readyz`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    if (child.exitCode !== null) throw new Error(`steward serve exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const serve: Serve = {
    origin,
    dataDir,
    child,
    call: (method, path, token, body) =>
      fetch(`${origin}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
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

let one: Serve;
let two: Serve;
let admin: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase('postgres');
  const url = database.url as string;
  one = await startServe(url);
  two = await startServe(url);
  admin = readFileSync(join(one.dataDir, 'admin.token'), 'utf8').trim();
  for (const team of ['payments', 'search']) {
    await ok(one.call('POST', '/api/v1/teams', admin, { name: team }));
    // Who-owns names owners the catalog has: the teams are Groups there too.
    const group = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: team } };
    await ok(one.call('POST', '/api/v1/entities', admin, { ...group, spec: { type: 'team', children: [] } }));
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
  for (const serve of servers) {
    const exited = new Promise((r) => serve.child.on('exit', r));
    serve.child.kill('SIGTERM');
    await exited;
    rmSync(serve.dataDir, { recursive: true, force: true });
  }
  await database?.drop();
}, 30_000);

describe('two servers on one PostgreSQL', () => {
  it('see a write on the other within a second: who-owns, lists, the live channel, permissions', async () => {
    const follower = await StreamClient.connect(`${two.origin.replace('http', 'ws')}/api/v1/stream`, admin);
    await follower.subscribe(['catalog']);
    const ref = 'component:default/checkout';
    const entityPath = '/api/v1/entities/component/default/checkout';
    const owner = async (serve: Serve) => {
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
    const attempt = (serve: Serve) =>
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
});

function catalogEvents(client: StreamClient): StreamEvent[] {
  return client.received
    .flatMap((m) => (m.type === 'events' ? m.events : []))
    .filter((e) => e.topic === 'catalog' && e.type === 'catalog.changed');
}

// Steward as bench/stream-fanout runs it: assembled by the composition root, so each publish takes its
// seq from the database and travels the notification bus, as in production. On its own it runs on an
// in-memory PGlite; spread over two servers, both share one PostgreSQL (a scratch database): this
// process's server publishes, a second server in a process of its own (second-server.ts) hears the
// events through LISTEN/NOTIFY, and the subscribers are split between the two.
// The subscribers sign in with a read-only API token issued through the identity API.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../packages/steward/src/platform/db/database.ts';
import { migrateToLatest } from '../../packages/steward/src/platform/db/migrate.ts';
import { silentLogger } from '../../packages/steward/src/platform/logging.ts';
import { type Assembled, assemble } from '../../packages/steward/src/server/compose.ts';
import { moduleMigrationFolders } from '../../packages/steward/src/server/modules.ts';
import { scratchDatabase } from '../scratch-database.ts';
import type { FanOutServer } from './raw-server.ts';

export interface StewardUnderTest extends FanOutServer {
  /** A read-only token of the `bench` user, for the subscribers. */
  token: string;
}

export interface ServedSteward {
  url: string;
  assembled: Assembled;
  dataDir: string;
  close(): Promise<void>;
}

/** One Steward server listening on a free port: PGlite in memory, or the PostgreSQL at `databaseUrl`. */
export async function serveSteward(tickMs: number, databaseUrl?: string): Promise<ServedSteward> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-stream-fanout-'));
  const database = await openDatabase({ url: databaseUrl });
  await migrateToLatest(database, moduleMigrationFolders);
  const assembled = await assemble({
    database,
    logger: silentLogger(),
    config: { bodyLimit: 64 * 1024, webDir: '/nonexistent', dataDir },
    // Keepalive off for the run: the peer has none, and a subscriber process seconds behind would
    // answer pings late and be cut as dead, which is right in production but not what is measured.
    realtime: { tickMs, heartbeatMs: 10 * 60_000 },
  });
  await assembled.app.listen({ host: '127.0.0.1', port: 0 });
  await assembled.start();
  const address = assembled.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}/api/v1/stream`,
    assembled,
    dataDir,
    async close() {
      assembled.app.server.closeAllConnections();
      await assembled.app.close();
      await assembled.stop();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Steward on one server, PGlite in memory. */
export async function startStewardServer(tickMs: number): Promise<StewardUnderTest> {
  const served = await serveSteward(tickMs);
  const token = await readerToken(served);
  return {
    urls: [served.url],
    token,
    publish(topic, type, data) {
      void served.assembled.realtime.publish(topic, type, data);
    },
    close: served.close,
  };
}

/** Two Steward servers in two processes on one scratch PostgreSQL database; this one publishes. */
export async function startTwoStewardServers(tickMs: number, baseUrl: string): Promise<StewardUnderTest> {
  const scratch = await scratchDatabase(baseUrl);
  let first: ServedSteward | undefined;
  let second: ChildProcess | undefined;
  try {
    first = await serveSteward(tickMs, scratch.url);
    const token = await readerToken(first);
    second = fork(new URL('./second-server.ts', import.meta.url), { stdio: 'inherit' });
    second.send({ tickMs, databaseUrl: scratch.url });
    const [message] = await Promise.race([
      once(second, 'message'),
      once(second, 'exit').then(([code]) => {
        throw new Error(`the second Steward server exited before listening (code ${code})`);
      }),
    ]);
    const served = first;
    const child = second;
    return {
      urls: [served.url, (message as { url: string }).url],
      token,
      publish(topic, type, data) {
        void served.assembled.realtime.publish(topic, type, data);
      },
      async close() {
        const exited = once(child, 'exit');
        child.send({ type: 'stop' });
        await exited;
        await served.close();
        await scratch.drop();
      },
    };
  } catch (error) {
    second?.kill();
    await first?.close();
    await scratch.drop();
    throw error;
  }
}

async function readerToken({ assembled, dataDir }: ServedSteward): Promise<string> {
  const adminToken = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  const post = async (url: string, payload: object, method: 'POST' | 'PUT' = 'POST') => {
    const response = await assembled.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${adminToken}` },
      payload,
    });
    if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  await post('/api/v1/users', { handle: 'bench', name: 'Bench Reader', role: 'viewer' });
  // The subscribers follow team:bench, which only the team's members (and admins) may follow.
  await post('/api/v1/teams', { name: 'bench' });
  await post('/api/v1/teams/bench/members/bench', { role: 'member' }, 'PUT');
  return (await post('/api/v1/tokens', { name: 'stream-fanout', owner: 'bench', scopes: ['read'] })).secret;
}

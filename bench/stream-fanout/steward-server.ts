// Steward as bench/stream-fanout runs it: assembled by the composition root on an in-memory PGlite,
// so each publish takes its seq from the database and travels the notification bus, as in production.
// The subscribers sign in with a read-only API token issued through the identity API.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../packages/steward/src/platform/db/database.ts';
import { migrateToLatest } from '../../packages/steward/src/platform/db/migrate.ts';
import { silentLogger } from '../../packages/steward/src/platform/logging.ts';
import { type Assembled, assemble } from '../../packages/steward/src/server/compose.ts';
import { moduleMigrationFolders } from '../../packages/steward/src/server/modules.ts';
import type { FanOutServer } from './raw-server.ts';

export interface StewardUnderTest extends FanOutServer {
  /** A read-only token of the `bench` user, for the subscribers. */
  token: string;
}

export async function startStewardServer(tickMs: number): Promise<StewardUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-stream-fanout-'));
  const database = await openDatabase({});
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
  const token = await readerToken(assembled, readFileSync(join(dataDir, 'admin.token'), 'utf8').trim());
  const address = assembled.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}/api/v1/stream`,
    token,
    publish(topic, type, data) {
      void assembled.realtime.publish(topic, type, data);
    },
    async close() {
      assembled.app.server.closeAllConnections();
      await assembled.app.close();
      await assembled.stop();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function readerToken(assembled: Assembled, adminToken: string): Promise<string> {
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

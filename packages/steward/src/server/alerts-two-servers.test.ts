// Two `steward serve` processes on one PostgreSQL behind a load balancer (PRODUCT.md, "Running it"):
// alerts posted alternately to both page each person once, whichever server's job runner escalates
// them; an acknowledgement on one server stops escalation started from the other.
// PostgreSQL only: the embedded database belongs to one process (its data directory is locked).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabaseUrl } from '../platform/config.ts';
import {
  type Accepted,
  alertIdsByInstance,
  allAlerts,
  notificationsByAlert,
  oncallCatalogDir,
  prepare,
  type Recorder,
  startRecorder,
  stream,
} from './alerts-durable.test-support.ts';
import { createTestDatabase, type TestDatabase } from './test-engines.ts';
import { type SpawnedSteward, spawnSteward } from './test-serve.ts';

const alice = 'user:default/alice@1';
const bob = 'user:default/bob@2';

describe.skipIf(!testDatabaseUrl())('two steward serve processes on one PostgreSQL, under alerts', () => {
  let database: TestDatabase;
  let recorder: Recorder;
  let catalogDir: string;
  let one: SpawnedSteward;
  let two: SpawnedSteward;
  let admin: string;
  let aliceToken: string;
  let key: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    catalogDir = oncallCatalogDir();
    recorder = await startRecorder();
    const start = () => spawnSteward({ databaseUrl: database.url, args: ['--catalog', catalogDir] });
    [one, two] = await Promise.all([start(), start()]);
    // Whichever server came first made the admin and wrote its token.
    admin = (() => {
      for (const serve of [one, two]) {
        try {
          return serve.adminToken();
        } catch {}
      }
      throw new Error('neither server wrote admin.token');
    })();
    key = await prepare(one, admin, recorder);
    const token = await two.call('POST', '/api/v1/tokens', admin, {
      name: 'pager',
      owner: 'alice',
      scopes: ['read', 'write'],
    });
    expect(token.status).toBe(201);
    aliceToken = ((await token.json()) as { secret: string }).secret;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await recorder?.close();
    await database?.drop();
    rmSync(catalogDir, { recursive: true, force: true });
  }, 30_000);

  it('page each person once for alerts posted alternately to both', async () => {
    const instances = Array.from({ length: 120 }, (_, i) => `two-${String(i).padStart(3, '0')}`);
    // Every fifth notification's first try fails: its retry must carry the same Idempotency-Key.
    recorder.failFirstOfEvery = 5;
    const accepted: Accepted = new Map();
    await stream((index) => (index % 2 === 0 ? one : two).url, key, instances, 6, accepted);
    expect(accepted.size).toBe(instances.length);
    // Both servers list all of them, whichever took each in.
    for (const serve of [one, two]) {
      const listed = (await allAlerts(serve, admin)).filter((a) => a.labels.instance?.startsWith('two-'));
      expect(listed.map((a) => a.labels.instance).sort()).toEqual(instances);
    }

    const listed = await alertIdsByInstance(one, admin);
    const ids = instances.map((instance) => listed.get(instance) as string);
    await vi.waitFor(
      () => {
        const byAlert = notificationsByAlert(recorder.deliveries);
        expect(ids.filter((id) => (byAlert.get(id)?.length ?? 0) < 2)).toEqual([]);
      },
      { timeout: 30_000, interval: 250 },
    );
    // A second page would come from the other server's runner at about the same time: allow it a moment.
    await new Promise((r) => setTimeout(r, 1000));
    const byAlert = notificationsByAlert(recorder.deliveries);
    const wrong = ids.filter((id) => JSON.stringify(byAlert.get(id)) !== JSON.stringify([alice, bob]));
    expect(wrong.map((id) => ({ id, got: byAlert.get(id) }))).toEqual([]);
    // The refused first tries were tried again under their own key (which is what lets a receiver, and
    // the count above, tell a retry from a second page).
    expect(recorder.refused.length).toBeGreaterThanOrEqual(Math.floor((2 * ids.length) / 5));
    const delivered = new Set(recorder.deliveries.map((d) => d.idempotencyKey));
    expect(recorder.refused.filter((d) => !delivered.has(d.idempotencyKey))).toEqual([]);
    recorder.failFirstOfEvery = 0;
  }, 60_000);

  it('stop escalation started from one server when alice acknowledges on the other', async () => {
    // Both alerts start escalating on server one; only the first is acknowledged, on server two.
    const accepted: Accepted = new Map();
    const posted = Date.now();
    await stream(() => one.url, key, ['ack-held', 'ack-control'], 2, accepted);
    expect([...accepted.keys()].sort()).toEqual(['ack-control', 'ack-held']);
    // Accepted, then applied behind the answer: the list (which waits for that) names each one's id.
    const listed = await alertIdsByInstance(two, admin);
    const held = listed.get('ack-held') as string;
    const control = listed.get('ack-control') as string;
    expect([held, control]).toEqual([expect.any(String), expect.any(String)]);
    await vi.waitFor(
      () => {
        const byAlert = notificationsByAlert(recorder.deliveries);
        expect(byAlert.get(held)).toEqual([alice]);
        expect(byAlert.get(control)).toEqual([alice]);
      },
      { timeout: 20_000, interval: 100 },
    );
    const acknowledged = await two.call('POST', `/api/v1/alerts/${held}/acknowledge`, aliceToken);
    expect(acknowledged.status).toBe(200);
    expect(Date.now() - posted, 'acknowledged before step two was due (8 s)').toBeLessThan(8000);
    expect(((await acknowledged.json()) as { status: string }).status).toBe('acknowledged');

    // The control, created at the same moment, reaches bob after the eight seconds of step one: by
    // then the acknowledged alert would have too, had the acknowledgement not held it.
    await vi.waitFor(
      () => expect(notificationsByAlert(recorder.deliveries).get(control)).toEqual([alice, bob]),
      { timeout: 30_000, interval: 100 },
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(notificationsByAlert(recorder.deliveries).get(held)).toEqual([alice]);
    const seenOnOne = await one.call('GET', `/api/v1/alerts/${held}`, admin);
    expect(((await seenOnOne.json()) as { status: string; acknowledgedBy: string }).status).toBe(
      'acknowledged',
    );
  }, 60_000);
});

// A server killed at any moment loses nothing (PRODUCT.md, "Running it"): `steward serve` takes a
// stream of Alertmanager webhook posts from several senders and is SIGKILLed in the middle of it.
// Restarted on the same database, it lists every alert it had answered 2xx for; the posts it never
// answered, sent again as Alertmanager would, are stored once each; and every alert pages its people
// exactly once, though some of its escalation was in the killed process's hands. Two posts to the
// receiver count as one notification only when they carry the same Idempotency-Key (a delivery tried
// again); two keys for one alert, person and level are a second page.
//
// PostgreSQL outlives the process by itself. The embedded database survives in its data directory
// (the data-dir lock is an advisory lock the kernel drops with the process), so on PGlite the server
// is restarted on the same --data-dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
import { createTestDatabase, type TestDatabase, testEngines } from './test-engines.ts';
import { type SpawnedSteward, spawnSteward } from './test-serve.ts';

// The embedded database takes alerts in one at a time (about 15 a second here) and needs a while to
// recover after the kill: fewer alerts keep its run under a minute.
const sizes = { postgres: { total: 300, killAfter: 120 }, pglite: { total: 150, killAfter: 60 } };
// Each stream lasts about 12 s: a server applies a burst it takes in after a pause, or once what
// waits is 5 s old (ingest/inbox-drain.ts), so paging begins while the stream still flows.
const pauseMs = { postgres: 250, pglite: 500 };

describe.each(testEngines)('steward serve SIGKILLed under a stream of alerts [%s]', (engine) => {
  const { total, killAfter } = sizes[engine];
  const instances = Array.from({ length: total }, (_, i) => `i-${String(i).padStart(3, '0')}`);
  let database: TestDatabase | undefined;
  let recorder: Recorder;
  let catalogDir: string;
  let dataDir: string;
  let restarted: SpawnedSteward;
  let admin: string;
  let key: string;
  const accepted: Accepted = new Map();
  const acceptedBeforeKill: Accepted = new Map();
  let deliveredBeforeKill = 0;
  /** Each alert's id by instance as listed right after the restart (the first test). */
  let listedAfterRestart: Map<string, string> | undefined;

  const start = () =>
    spawnSteward({
      databaseUrl: database?.url,
      // Only the embedded database lives in the data directory; PostgreSQL servers need none in common.
      ...(engine === 'pglite' ? { dataDir } : {}),
      args: ['--catalog', catalogDir],
    });

  beforeAll(async () => {
    if (engine === 'postgres') database = await createTestDatabase('postgres');
    dataDir = mkdtempSync(join(tmpdir(), 'steward-sigkill-'));
    catalogDir = oncallCatalogDir();
    recorder = await startRecorder();
    const first = await start();
    admin = first.adminToken();
    key = await prepare(first, admin, recorder);

    // Senders pause between posts: taking alerts in comes before paging for them, and the kill must
    // fall while both are under way.
    const streaming = stream(() => first.url, key, instances, 6, accepted, pauseMs[engine]);
    await vi.waitFor(
      () => {
        expect(accepted.size).toBeGreaterThanOrEqual(killAfter);
        expect(recorder.deliveries.length).toBeGreaterThan(0);
      },
      { timeout: 30_000, interval: 5 },
    );
    first.child.kill('SIGKILL');
    deliveredBeforeKill = recorder.deliveries.length;
    await streaming;
    for (const [instance, id] of accepted) acceptedBeforeKill.set(instance, id);
    await first.stop();
    restarted = await start();
  }, 90_000);

  afterAll(async () => {
    await restarted?.stop();
    await recorder?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(catalogDir, { recursive: true, force: true });
  }, 30_000);

  it('lists, after the restart, every alert it answered 2xx for before the kill', async () => {
    // Killed in the middle: some posts were accepted, some never answered.
    expect(acceptedBeforeKill.size).toBeGreaterThanOrEqual(killAfter);
    expect(acceptedBeforeKill.size).toBeLessThan(total);
    // ...and paging had begun: the kill fell among escalations and deliveries, not before them.
    expect(deliveredBeforeKill).toBeGreaterThan(0);
    expect(deliveredBeforeKill).toBeLessThan(2 * acceptedBeforeKill.size);
    const listed = await alertIdsByInstance(restarted, admin);
    const missing = [...acceptedBeforeKill.keys()].filter((instance) => !listed.has(instance));
    expect(missing).toEqual([]);
    listedAfterRestart = listed;
  });

  it('stores each alert once when the unanswered posts are sent again, as Alertmanager would', async () => {
    await stream(() => restarted.url, key, instances, 6, accepted);
    expect(accepted.size).toBe(total);
    const listed = await allAlerts(restarted, admin);
    expect(listed.map((a) => a.labels.instance).sort()).toEqual(instances);
    // An alert accepted before the kill and sent again is the same alert, not a second one.
    expect(listedAfterRestart, 'the alerts listed by the test before').toBeDefined();
    const now = await alertIdsByInstance(restarted, admin);
    for (const instance of acceptedBeforeKill.keys())
      expect(now.get(instance), instance).toBe(listedAfterRestart?.get(instance));
  }, 30_000);

  it('notifies alice at level 1 and bob at level 2 exactly once per alert', async () => {
    const ids = [...(await alertIdsByInstance(restarted, admin)).values()];
    expect(ids).toHaveLength(total);
    const expected = ['user:default/alice@1', 'user:default/bob@2'];
    // A job the killed server had claimed runs again once its lease (30 s) runs out.
    await vi.waitFor(
      () => {
        const byAlert = notificationsByAlert(recorder.deliveries);
        const short = ids.filter((id) => (byAlert.get(id)?.length ?? 0) < expected.length);
        expect(short).toEqual([]);
      },
      { timeout: 50_000, interval: 250 },
    );
    // Anything late would be a second page: give it a moment to show, then count.
    await new Promise((r) => setTimeout(r, 1000));
    const byAlert = notificationsByAlert(recorder.deliveries);
    const wrong = ids.filter((id) => JSON.stringify(byAlert.get(id)) !== JSON.stringify(expected));
    expect(wrong.map((id) => ({ id, got: byAlert.get(id) }))).toEqual([]);
    expect([...byAlert.keys()].filter((id) => !ids.includes(id))).toEqual([]);
  }, 60_000);
});

// The PostgreSQL listener after its connection is lost: it reconnects, LISTENs again, reports itself
// down meanwhile, tells subscribers they missed notifications, and delivers new ones again.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type Database, openDatabase } from './database.ts';
import { startTcpProxy, type TcpProxy } from './test-proxy.ts';

const fast = { firstDelayMs: 50, maxDelayMs: 400, pingMs: 1_000, connectTimeoutMs: 1_000 };

describeEachEngine('the notification listener', ({ db, engine, url }) => {
  if (engine === 'pglite') {
    it('is in-process on PGlite: always up, never misses', async () => {
      expect(db().listenerHealth()).toEqual({ up: true });
    });
    return;
  }

  let proxy: TcpProxy;
  let viaProxy: Database;
  beforeAll(async () => {
    proxy = await startTcpProxy(url() as string);
    viaProxy = await openDatabase({ url: proxy.url, poolSize: 2, listenerTiming: fast });
  });
  afterAll(async () => {
    await viaProxy?.close();
    await proxy?.close();
  });

  it('comes back after its backend is terminated, LISTENs again and says what was missed', async () => {
    const received: string[] = [];
    let missed = 0;
    const unlisten = await db().listen('steward_test_terminated', (p) => received.push(p), {
      onMissed: () => missed++,
    });
    await terminateListeners(url() as string, 'steward_test_terminated');
    await vi.waitFor(() => expect(db().listenerHealth().up).toBe(false), { timeout: 2_000, interval: 10 });
    await vi.waitFor(() => expect(db().listenerHealth()).toEqual({ up: true }), { timeout: 10_000 });
    expect(missed).toBe(1);
    await db().notify('steward_test_terminated', 'after');
    await vi.waitFor(() => expect(received).toEqual(['after']));
    await unlisten();
  });

  it('stays down through a network outage, reporting why, and recovers when it ends', async () => {
    const received: string[] = [];
    let missed = 0;
    await viaProxy.listen('steward_test_outage', (p) => received.push(p), { onMissed: () => missed++ });
    await viaProxy.listen('steward_test_outage_2', (p) => received.push(`2:${p}`));
    proxy.cut();
    await vi.waitFor(() => expect(viaProxy.listenerHealth()).toMatchObject({ up: false }), {
      timeout: 2_000,
    });
    await db().notify('steward_test_outage', 'during');
    await new Promise((r) => setTimeout(r, 800)); // several failed attempts
    const health = viaProxy.listenerHealth();
    expect(health.up).toBe(false);
    if (!health.up) expect(health.reason).toMatch(/connection reset|Connection terminated|refused/i);
    expect(missed).toBe(0);

    proxy.restore();
    await vi.waitFor(() => expect(viaProxy.listenerHealth()).toEqual({ up: true }), { timeout: 5_000 });
    expect(missed).toBe(1);
    await db().notify('steward_test_outage', 'after');
    await db().notify('steward_test_outage_2', 'after');
    await vi.waitFor(() => expect(received.sort()).toEqual(['2:after', 'after']));
  });

  it('survives a connection dropped while a request holds it between statements', async () => {
    // A checked-out pool connection has no listener of its own: pg then emits 'error' with nobody to
    // hear it, which is an uncaught exception that would end the server (Vitest reports it as such).
    let cutNow: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      cutNow = resolve;
    });
    const transaction = viaProxy
      .kysely()
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await holding;
        await sql`select 1`.execute(trx);
      });
    await new Promise((r) => setTimeout(r, 50));
    proxy.cut();
    await new Promise((r) => setTimeout(r, 100)); // the reset reaches the idle, checked-out client
    cutNow();
    await expect(transaction).rejects.toThrow(/Connection terminated|connection reset|not queryable|closed/i);
    proxy.restore();
    await vi.waitFor(async () => expect(await viaProxy.ping()).toBe(true), { timeout: 5_000 });
  });
});

/** Ends the backends LISTENing on the channel in this test's database, as a restart would. */
async function terminateListeners(databaseUrl: string, channel: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query ilike $1`,
      [`%LISTEN%${channel}%`],
    );
    expect(rows.length).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
}

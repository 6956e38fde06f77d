// A PostgreSQL outage as a Steward process meets it: the database cut off behind a TCP proxy (the
// shared server keeps running), then back. Meanwhile requests get 503 with Retry-After and /readyz
// names the listener; afterwards notifications, jobs and live events flow again, and what was missed
// while it was down is caught up.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { startTcpProxy, type TcpProxy } from '../platform/db/test-proxy.ts';
import { defineJob, JobRunner } from '../platform/jobs/index.ts';
import { silentLogger } from '../platform/logging.ts';
import { describeEachEngine } from './test-engines.ts';
import {
  createPeople,
  type RunningSteward,
  StreamClient,
  startSteward,
  type TestPeople,
} from './test-stream.ts';

const fast = { firstDelayMs: 50, maxDelayMs: 500, pingMs: 1_000, connectTimeoutMs: 1_000 };

describeEachEngine('a database outage', ({ db, engine, url }) => {
  if (engine === 'pglite') {
    it('cannot happen to the embedded database: its listener is in-process', () => {
      expect(db().listenerHealth()).toEqual({ up: true });
    });
    return;
  }

  let proxy: TcpProxy;
  let cutOff: Database;
  let direct: RunningSteward;
  let behindProxy: RunningSteward;
  let people: TestPeople;
  let subscriber: StreamClient;
  let runner: JobRunner;
  const ran: string[] = [];
  const logLines: string[] = [];
  const job = defineJob<{ label: string }>({
    name: 'test.outage',
    handler: async ({ label }) => {
      ran.push(label);
    },
  });

  beforeAll(async () => {
    proxy = await startTcpProxy(url() as string);
    const log = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    cutOff = await openDatabase({ url: proxy.url, poolSize: 3, listenerTiming: fast, logger: pino(log) });
    direct = await startSteward(db());
    people = await createPeople(direct);
    behindProxy = await startSteward(cutOff);
    behindProxy.assembled.setReady(true);
    // A slow poll: a job that runs promptly was woken by a notification or by the catch-up.
    runner = new JobRunner({ database: cutOff, logger: silentLogger(), pollIntervalMs: 120_000 });
    runner.register(job);
    await runner.start();
    subscriber = await StreamClient.connect(behindProxy.streamUrl, people.tokens.bob);
    expect(await subscriber.subscribe(['room:outage'])).toMatchObject({ topics: ['room:outage'] });
  });
  afterAll(async () => {
    proxy?.restore();
    await subscriber?.close();
    await runner?.stop();
    await behindProxy?.close();
    await direct?.close();
    await cutOff?.close();
    await proxy?.close();
  });

  const producer = () => new JobRunner({ database: db(), logger: silentLogger() });
  const get = (path: string) =>
    behindProxy.assembled.app.inject({
      method: 'GET',
      url: path,
      headers: { authorization: `Bearer ${people.tokens.admin}` },
    });

  it('answers 503 with Retry-After meanwhile, then catches up on what it missed', async () => {
    await direct.assembled.realtime.publish('room:outage', 'outage.test', 'before');
    expect((await subscriber.nextEvent((e) => e.data === 'before')).seq).toBe(1);

    proxy.cut();
    await vi.waitFor(() => expect(cutOff.listenerHealth().up).toBe(false), { timeout: 3_000 });
    const during = await get('/api/v1/teams');
    expect(during.statusCode).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.headers['content-type']).toContain('application/problem+json');
    expect(during.json().detail).toMatch(/database cannot be reached just now .*try again/);
    const notReady = await get('/readyz');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().detail).toMatch(/database does not answer.*listener .* down since/);

    // Sent while this process cannot hear: a job wake-up and a live event it will never be told of.
    await producer().enqueue(job, { label: 'during' });
    await direct.assembled.realtime.publish('room:outage', 'outage.test', 'during');
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toEqual([]);

    proxy.restore();
    await vi.waitFor(async () => expect((await get('/readyz')).statusCode).toBe(200), { timeout: 5_000 });
    expect((await get('/api/v1/teams')).statusCode).toBe(200);

    // The catch-up: the job runs at once (not at the 2-minute poll), followers are told to reload.
    await vi.waitFor(() => expect(ran).toEqual(['during']), { timeout: 3_000 });
    expect(await subscriber.next()).toMatchObject({ type: 'gap', topic: 'room:outage', from: 2 });

    // And notifications flow again: a live event, a job wake-up, a plain NOTIFY.
    await direct.assembled.realtime.publish('room:outage', 'outage.test', 'after');
    expect(await subscriber.nextEvent((e) => e.data === 'after')).toMatchObject({ seq: 3 });
    const started = Date.now();
    await producer().enqueue(job, { label: 'after' });
    await vi.waitFor(() => expect(ran).toEqual(['during', 'after']), { timeout: 3_000, interval: 10 });
    expect(Date.now() - started).toBeLessThan(2_000);
    const heard: string[] = [];
    const unlisten = await cutOff.listen('steward_test_after_outage', (p) => heard.push(p));
    await db().notify('steward_test_after_outage', 'hello');
    await vi.waitFor(() => expect(heard).toEqual(['hello']));
    await unlisten();

    const messages = logLines.map((line) => JSON.parse(line).msg as string);
    expect(messages).toContainEqual(expect.stringMatching(/^lost the PostgreSQL listener connection/));
    expect(messages).toContainEqual(expect.stringMatching(/^the PostgreSQL listener is back after/));
  });
});

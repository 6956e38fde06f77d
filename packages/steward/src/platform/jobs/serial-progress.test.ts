import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { silentLogger } from '../logging.ts';
import { defineJob } from './definition.ts';
import { PruneSchedule, pruneJob } from './prune-job.ts';
import { JobRunner, type JobRunnerOptions } from './runner.ts';

const runners: JobRunner[] = [];
const others: Database[] = [];
const eventually = { timeout: 10_000, interval: 20 };

function startRunner(database: Database, options: Partial<JobRunnerOptions> = {}): JobRunner {
  const runner = new JobRunner({ database, logger: silentLogger(), pollIntervalMs: 1000, ...options });
  runners.push(runner);
  return runner;
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await Promise.all(others.splice(0).map((d) => d.close()));
});

describeEachEngine('serial keys, progress and results', ({ db, engine, url }) => {
  it('runs jobs of one serial key one at a time, in enqueue order, across runners', {
    timeout: 30_000,
  }, async () => {
    const log: string[] = [];
    let inFlight = new Map<string, number>();
    let overlap = 0;
    const job = defineJob({
      name: 'test.serial',
      payload: z.object({ key: z.string(), n: z.number() }),
      handler: async ({ key, n }) => {
        const now = (inFlight.get(key) ?? 0) + 1;
        inFlight.set(key, now);
        if (now > 1) overlap++;
        log.push(`${key}${n}`);
        await sleep(30);
        inFlight.set(key, now - 1);
      },
    });
    // Three runners (PostgreSQL: each on its own pool), four slots each.
    const databases =
      engine === 'postgres'
        ? [db(), ...(await Promise.all([1, 2].map(() => openDatabase({ url: url(), poolSize: 3 }))))]
        : [db(), db(), db()];
    others.push(...databases.slice(1).filter((d) => d !== db()));
    for (const database of databases) {
      const runner = startRunner(database, { concurrency: 4 });
      runner.register(job);
      await runner.start();
    }
    const producer = runners[0] as JobRunner;
    const ids: string[] = [];
    for (let n = 0; n < 8; n++) {
      for (const key of ['a', 'b']) ids.push(await producer.enqueue(job, { key, n }, { serialKey: key }));
    }
    await vi.waitFor(async () => {
      const states = await Promise.all(ids.map(async (id) => (await producer.get(id))?.state));
      expect(states.every((s) => s === 'succeeded')).toBe(true);
    }, eventually);
    expect(overlap).toBe(0);
    expect(log.filter((l) => l.startsWith('a'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `a${n}`));
    expect(log.filter((l) => l.startsWith('b'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `b${n}`));
    // Different keys did run side by side: a and b interleave.
    expect(log.slice(0, 4).some((l) => l.startsWith('b'))).toBe(true);
    inFlight = new Map();
  });

  it('holds later jobs of a key behind an earlier one waiting to retry', async () => {
    const ran: string[] = [];
    let failures = 1;
    const job = defineJob({
      name: 'test.serial-retry',
      payload: z.object({ n: z.number() }),
      backoff: { initialMs: 300, factor: 1 },
      handler: async ({ n }) => {
        ran.push(`start ${n}`);
        if (n === 0 && failures-- > 0) throw new Error('first attempt fails');
      },
    });
    const runner = startRunner(db(), { concurrency: 4 });
    runner.register(job);
    await runner.start();
    const first = await runner.enqueue(job, { n: 0 }, { serialKey: 'k' });
    const second = await runner.enqueue(job, { n: 1 }, { serialKey: 'k' });
    await vi.waitFor(async () => expect((await runner.get(second))?.state).toBe('succeeded'), eventually);
    expect(ran).toEqual(['start 0', 'start 0', 'start 1']);
    expect((await runner.get(first))?.state).toBe('succeeded');
  });

  it('stores and publishes progress, throttled, and stores the result', async () => {
    const published: { topic: string; type: string; data: unknown }[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const job = defineJob({
      name: 'test.progress',
      handler: async (_payload, ctx) => {
        for (let i = 1; i <= 1000; i++) ctx.progress({ done: i, of: 1000 });
        await gate;
        return { answer: 42 };
      },
    });
    const runner = startRunner(db(), {
      progressIntervalMs: 100,
      publish: async (topic, type, data) => {
        published.push({ topic, type, data });
      },
    });
    runner.register(job);
    await runner.start();
    const id = await runner.enqueue(job, {}, { enqueuedBy: 'alice' });
    await vi.waitFor(
      async () => expect((await runner.get(id))?.progress).toEqual({ done: 1000, of: 1000 }),
      eventually,
    );
    const running = await runner.get(id);
    expect(running).toMatchObject({ state: 'running', enqueuedBy: 'alice', result: null });
    release();
    const done = await runner.waitFor(id, { pollMs: 20 });
    expect(done).toMatchObject({ state: 'succeeded', result: { answer: 42 } });
    const progressEvents = published.filter((e) => e.type === 'job.progress');
    // A thousand reports, a handful of writes.
    expect(progressEvents.length).toBeGreaterThan(0);
    expect(progressEvents.length).toBeLessThan(5);
    expect(progressEvents.at(-1)).toEqual({
      topic: `job:${id}`,
      type: 'job.progress',
      data: { id, name: 'test.progress', progress: { done: 1000, of: 1000 } },
    });
    await vi.waitFor(() => expect(published.at(-1)?.type).toBe('job.finished'), eventually);
    expect(published.at(-1)?.data).toEqual({
      id,
      name: 'test.progress',
      state: 'succeeded',
      result: { answer: 42 },
      error: null,
    });
  });

  it('prunes finished jobs past the retention, and only those, once per scheduled instant', async () => {
    const kysely = db().kysely();
    const noop = defineJob({ name: 'test.prunable', handler: async () => {} });
    const runner = startRunner(db());
    runner.register(noop);
    await runner.start();
    const old = await runner.enqueue(noop, {});
    const recent = await runner.enqueue(noop, {});
    const waiting = await runner.enqueue(noop, {}, { delayMs: 3_600_000 });
    await runner.waitFor(old, { pollMs: 20 });
    await runner.waitFor(recent, { pollMs: 20 });
    await sql`update steward_job set finished_at = now() - interval '15 days' where id = ${old}`.execute(
      kysely,
    );
    const prune = pruneJob(db(), { retainMs: 14 * 24 * 3600 * 1000 });
    const schedule = new PruneSchedule(runner, prune, { retainMs: 14 * 24 * 3600 * 1000, everyMs: 60_000 });
    await schedule.ensureScheduled();
    await new PruneSchedule(runner, prune, { retainMs: 1, everyMs: 60_000 }).ensureScheduled();
    const scheduled = await runner.list({ name: 'jobs.prune', limit: 10 });
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]?.runAt.getTime() ?? 0).toBeGreaterThan(Date.now());
    // Run it now rather than at the next whole minute.
    await sql`update steward_job set run_at = now() where name = 'jobs.prune'`.execute(kysely);
    runner.register(prune);
    const pruned = await runner.waitFor(scheduled[0]?.id as string, { pollMs: 20 });
    expect(pruned.result).toEqual({ deleted: 1 });
    expect(await runner.get(old)).toBeUndefined();
    expect((await runner.get(recent))?.state).toBe('succeeded');
    expect((await runner.get(waiting))?.state).toBe('pending');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { moduleMigrationFolders } from '../../server/modules.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { silentLogger } from '../logging.ts';
import { defineJob } from './definition.ts';
import { JobRunner, type JobRunnerOptions } from './runner.ts';
import { claimJobs, type JobTables } from './store.ts';

const runners: JobRunner[] = [];
const eventually = { timeout: 5000, interval: 20 };

function startRunner(database: Database, options: Partial<JobRunnerOptions> = {}): JobRunner {
  const runner = new JobRunner({ database, logger: silentLogger(), pollIntervalMs: 30_000, ...options });
  runners.push(runner);
  return runner;
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

describeEachEngine('job durability', ({ db, engine, url }) => {
  it('runs a job scheduled before the runner and the database restarted', async () => {
    const dataDir = engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'steward-jobs-')) : undefined;
    const reopen = async () => {
      const database = await openDatabase(dataDir ? { dataDir } : { url: url(), poolSize: 3 });
      await migrateToLatest(database, moduleMigrationFolders);
      return database;
    };
    const ran: { escalation: string; at: number }[] = [];
    const job = defineJob({
      name: 'test.after-restart',
      payload: z.object({ escalation: z.string() }),
      handler: async ({ escalation }) => {
        ran.push({ escalation, at: Date.now() });
      },
    });
    try {
      const before = await reopen();
      const first = startRunner(before);
      first.register(job);
      await first.start();
      const runAt = new Date(Date.now() + 1000);
      const id = await first.enqueue(job, { escalation: 'step-2' }, { runAt });
      await first.stop();
      await before.close();
      expect(ran).toEqual([]);

      const after = await reopen();
      try {
        const second = startRunner(after);
        second.register(job);
        await second.start();
        await vi.waitFor(() => expect(ran).toHaveLength(1), eventually);
        expect(ran[0]?.escalation).toBe('step-2');
        expect(ran[0]?.at).toBeGreaterThanOrEqual(runAt.getTime());
        await vi.waitFor(async () => expect((await second.get(id))?.state).toBe('succeeded'), eventually);
        await second.stop();
      } finally {
        await after.close();
      }
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('runs again a job whose runner died mid-run, once the lease runs out', async () => {
    const attempts: number[] = [];
    const job = defineJob({
      name: 'test.orphaned',
      handler: async (_payload, ctx) => {
        attempts.push(ctx.attempt);
      },
    });
    const runner = startRunner(db());
    runner.register(job);
    const id = await runner.enqueue(job, {});
    // What a runner leaves behind when its process dies after claiming: a running job with a lease.
    const claimedAt = Date.now();
    const [claimed] = await claimJobs(db().kysely<JobTables>(), {
      runnerId: 'runner-that-crashed',
      names: [job.name],
      limit: 1,
      leaseMs: 400,
    });
    expect(claimed?.id).toBe(id);
    await runner.start();
    await vi.waitFor(async () => expect((await runner.get(id))?.state).toBe('succeeded'), eventually);
    expect(attempts).toEqual([2]);
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(400);
    expect((await runner.get(id))?.lastError).toBe(
      'attempt 1 of 5 did not finish: the lease of runner runner-that-crashed ran out (it stopped or crashed)',
    );
  });

  it('dead-letters a job whose last allowed attempt died with its runner', async () => {
    let calls = 0;
    const job = defineJob({
      name: 'test.orphaned-last-attempt',
      maxAttempts: 1,
      handler: async () => {
        calls++;
      },
    });
    const runner = startRunner(db());
    runner.register(job);
    const id = await runner.enqueue(job, {});
    await claimJobs(db().kysely<JobTables>(), {
      runnerId: 'runner-that-crashed',
      names: [job.name],
      limit: 1,
      leaseMs: 200,
    });
    await runner.start();
    await vi.waitFor(async () => expect((await runner.get(id))?.state).toBe('dead'), eventually);
    expect((await runner.get(id))?.lastError).toMatch(/^attempt 1 of 1 did not finish: the lease of runner/);
    expect(calls).toBe(0);
  });

  it('stop() waits for running handlers to finish', async () => {
    let finished = false;
    let started = false;
    const job = defineJob({
      name: 'test.finishes-during-stop',
      handler: async () => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished = true;
      },
    });
    const runner = startRunner(db(), { stopTimeoutMs: 5000 });
    runner.register(job);
    await runner.start();
    const id = await runner.enqueue(job, {});
    await vi.waitFor(() => expect(started).toBe(true), eventually);
    await runner.stop();
    expect(finished).toBe(true);
    expect((await runner.get(id))?.state).toBe('succeeded');
  });

  it('stop() hands back a job whose handler outlives stopTimeoutMs; another runner runs it', async () => {
    const signals: AbortSignal[] = [];
    const job = defineJob({
      name: 'test.interrupted',
      handler: (_payload, ctx) => {
        signals.push(ctx.signal);
        // The first attempt ignores its signal and never ends, as a stuck handler would.
        return ctx.attempt === 1 ? new Promise<void>(() => {}) : Promise.resolve();
      },
    });
    const stopping = startRunner(db(), { stopTimeoutMs: 200 });
    stopping.register(job);
    await stopping.start();
    const id = await stopping.enqueue(job, {});
    await vi.waitFor(() => expect(signals).toHaveLength(1), eventually);
    const stopAt = Date.now();
    await stopping.stop();
    expect(Date.now() - stopAt).toBeGreaterThanOrEqual(190);
    expect(signals[0]?.aborted).toBe(true);
    const handedBack = await stopping.get(id);
    expect(handedBack).toMatchObject({ state: 'pending', attempts: 1, lockedBy: null, lockedUntil: null });
    expect(handedBack?.lastError).toMatch(/stopped before its handler finished/);

    const next = startRunner(db());
    next.register(job);
    await next.start();
    await vi.waitFor(async () => expect((await next.get(id))?.state).toBe('succeeded'), eventually);
    expect((await next.get(id))?.attempts).toBe(2);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { describeEachEngine } from '../../server/test-engines.ts';
import type { Database } from '../db/database.ts';
import { StewardError } from '../errors.ts';
import { silentLogger } from '../logging.ts';
import { backoffDelay, defineJob, PermanentJobError } from './definition.ts';
import { JobRunner, type JobRunnerOptions } from './runner.ts';

/** A slow poll, so a job that runs promptly was woken by a notification or its run_at timer. */
const slowPollMs = 30_000;

const runners: JobRunner[] = [];

function startRunner(database: Database, options: Partial<JobRunnerOptions> = {}): JobRunner {
  const runner = new JobRunner({ database, logger: silentLogger(), pollIntervalMs: slowPollMs, ...options });
  runners.push(runner);
  return runner;
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

const eventually = { timeout: 5000, interval: 20 };

describe('backoffDelay', () => {
  const backoff = { initialMs: 1000, factor: 2, maxMs: 5000 };

  it('doubles per attempt, with between half and all of the delay kept by jitter', () => {
    expect([1, 2, 3].map((a) => backoffDelay(backoff, a, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((a) => backoffDelay(backoff, a, () => 1))).toEqual([1000, 2000, 4000]);
  });

  it('never waits longer than maxMs', () => {
    expect(backoffDelay(backoff, 10, () => 1)).toBe(5000);
    expect(backoffDelay(backoff, 10, () => 0)).toBe(2500);
  });
});

describeEachEngine('job runner', ({ db }) => {
  it('retries with growing delays, then dead-letters the job with its last error', async () => {
    const started: number[] = [];
    const job = defineJob({
      name: 'test.always-fails',
      maxAttempts: 3,
      backoff: { initialMs: 100, factor: 2 },
      handler: async (_payload, ctx) => {
        started.push(performance.now());
        throw new Error(`boom on attempt ${ctx.attempt}`);
      },
    });
    const runner = startRunner(db());
    runner.register(job);
    await runner.start();
    const id = await runner.enqueue(job, {});
    await vi.waitFor(async () => expect((await runner.get(id))?.state).toBe('dead'), eventually);
    const dead = await runner.get(id);
    expect(dead).toMatchObject({
      attempts: 3,
      maxAttempts: 3,
      lastError: 'boom on attempt 3',
      lockedBy: null,
    });
    expect(dead?.finishedAt).toBeInstanceOf(Date);
    expect(started).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = started;
    // Equal jitter keeps at least half of 100 ms, then of 200 ms; the run_at timer wakes well before the poll.
    expect(second - first).toBeGreaterThanOrEqual(50);
    expect(second - first).toBeLessThan(1000);
    expect(third - second).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeLessThan(1000);
  });

  it('keeps a failed job pending, due after its backoff, with the error on the row', async () => {
    const job = defineJob({
      name: 'test.fails-once',
      backoff: { initialMs: 60_000 },
      handler: async () => {
        throw new Error('upstream said 503');
      },
    });
    const runner = startRunner(db());
    runner.register(job);
    await runner.start();
    const id = await runner.enqueue(job, {});
    await vi.waitFor(async () => expect((await runner.get(id))?.attempts).toBe(1), eventually);
    await vi.waitFor(async () => expect((await runner.get(id))?.state).toBe('pending'), eventually);
    const pending = await runner.get(id);
    expect(pending).toMatchObject({ lastError: 'upstream said 503', lockedBy: null, finishedAt: null });
    const dueIn = (pending?.runAt.getTime() ?? 0) - Date.now();
    expect(dueIn).toBeGreaterThan(30_000 - 2000);
    expect(dueIn).toBeLessThanOrEqual(60_000);
  });

  it('sends a job that throws PermanentJobError straight to dead', async () => {
    let calls = 0;
    const job = defineJob({
      name: 'test.permanent',
      maxAttempts: 5,
      handler: async () => {
        calls++;
        throw new PermanentJobError('the webhook URL answers 404');
      },
    });
    const runner = startRunner(db());
    runner.register(job);
    await runner.start();
    const id = await runner.enqueue(job, {});
    await vi.waitFor(async () => expect((await runner.get(id))?.state).toBe('dead'), eventually);
    expect(await runner.get(id)).toMatchObject({ attempts: 1, lastError: 'the webhook URL answers 404' });
    expect(calls).toBe(1);
  });

  it('fails an attempt that outlives timeoutMs and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const job = defineJob({
      name: 'test.too-slow',
      maxAttempts: 1,
      timeoutMs: 100,
      handler: (_payload, ctx) => {
        signal = ctx.signal;
        return new Promise<void>(() => {});
      },
    });
    const runner = startRunner(db());
    runner.register(job);
    await runner.start();
    const id = await runner.enqueue(job, {});
    await vi.waitFor(async () => expect((await runner.get(id))?.state).toBe('dead'), eventually);
    expect((await runner.get(id))?.lastError).toBe("timed out after 100 ms (the job's timeoutMs)");
    expect(signal?.aborted).toBe(true);
  });

  it('types and validates payloads on enqueue, and dead-letters stored payloads that no longer fit', async () => {
    const received: { teamId: string; count: number }[] = [];
    const strict = defineJob({
      name: 'test.validated',
      payload: z.strictObject({ teamId: z.string(), count: z.number().int() }),
      handler: async (payload) => {
        received.push(payload);
      },
    });
    const runner = startRunner(db());
    runner.register(strict);
    const error = await runner.enqueue(strict, { teamId: 't1', count: 1.5 }).catch((e) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/^job test\.validated: payload\.count /);
    // An older version of the code enqueued a shape the current schema rejects.
    const loose = defineJob<unknown>({ name: 'test.validated', handler: async () => {} });
    const staleId = await runner.enqueue(loose, { teamId: 't2', count: 'three' });
    const goodId = await runner.enqueue(strict, { teamId: 't3', count: 3 });
    await runner.start();
    await vi.waitFor(async () => expect((await runner.get(staleId))?.state).toBe('dead'), eventually);
    await vi.waitFor(async () => expect((await runner.get(goodId))?.state).toBe('succeeded'), eventually);
    expect((await runner.get(staleId))?.lastError).toMatch(/stored payload does not fit.*payload\.count/);
    expect((await runner.get(staleId))?.attempts).toBe(1);
    expect(received).toEqual([{ teamId: 't3', count: 3 }]);
  });

  it('runs a job no earlier than runAt or delayMs, woken by its timer rather than the poll', async () => {
    const ranAt = new Map<string, number>();
    const job = defineJob({
      name: 'test.scheduled',
      payload: z.object({ label: z.string() }),
      handler: async ({ label }) => {
        ranAt.set(label, Date.now());
      },
    });
    const runner = startRunner(db());
    runner.register(job);
    await runner.start();
    const enqueuedAt = Date.now();
    await runner.enqueue(job, { label: 'delay' }, { delayMs: 400 });
    await runner.enqueue(job, { label: 'runAt' }, { runAt: new Date(enqueuedAt + 600) });
    await runner.enqueue(job, { label: 'now' });
    await vi.waitFor(() => expect(ranAt.size).toBe(3), eventually);
    expect(ranAt.get('now')).toBeLessThan(enqueuedAt + 400);
    expect(ranAt.get('delay')).toBeGreaterThanOrEqual(enqueuedAt + 400);
    expect(ranAt.get('runAt')).toBeGreaterThanOrEqual(enqueuedAt + 600);
    expect(ranAt.get('runAt')).toBeLessThan(enqueuedAt + 600 + 1500);
  });

  it('rejects contradictory timing options, naming them', async () => {
    const job = defineJob({ name: 'test.timing', handler: async () => {} });
    const runner = startRunner(db());
    await expect(runner.enqueue(job, {}, { delayMs: 10, runAt: new Date() })).rejects.toThrow(
      'job test.timing: give runAt or delayMs, not both',
    );
    await expect(runner.enqueue(job, {}, { delayMs: -1 })).rejects.toThrow(/delayMs must be .* at least 0/);
  });
});

describeEachEngine('job dedup keys and transactions', ({ db }) => {
  it('returns the pending job for a key instead of adding another, per job name', async () => {
    const escalate = defineJob({ name: 'test.escalate', handler: async () => {} });
    const remind = defineJob({ name: 'test.remind', handler: async () => {} });
    const runner = startRunner(db());
    const first = await runner.enqueue(escalate, {}, { key: 'incident-7', delayMs: 60_000 });
    const again = await runner.enqueue(escalate, {}, { key: 'incident-7' });
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => runner.enqueue(escalate, {}, { key: 'incident-8' })),
    );
    const otherName = await runner.enqueue(remind, {}, { key: 'incident-7' });
    expect(again).toBe(first);
    expect(new Set(racing).size).toBe(1);
    expect(otherName).not.toBe(first);
    const rows = await runner.list({ name: 'test.escalate', limit: 100 });
    expect(rows.map((r) => r.key).sort()).toEqual(['incident-7', 'incident-8']);
  });

  it('accepts the key again once its job has finished or was cancelled', async () => {
    const job = defineJob({ name: 'test.once-per-key', handler: async () => {} });
    const runner = startRunner(db());
    runner.register(job);
    await runner.start();
    const first = await runner.enqueue(job, {}, { key: 'k' });
    await vi.waitFor(async () => expect((await runner.get(first))?.state).toBe('succeeded'), eventually);
    const second = await runner.enqueue(job, {}, { key: 'k', delayMs: 60_000 });
    expect(second).not.toBe(first);
    expect(await runner.cancelByKey(job, 'k')).toBe(true);
    expect((await runner.get(second))?.state).toBe('cancelled');
    const third = await runner.enqueue(job, {}, { key: 'k', delayMs: 60_000 });
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('refuses to retry a dead job while another job holds its key', async () => {
    const job = defineJob({
      name: 'test.keyed-dead',
      maxAttempts: 1,
      handler: async () => {
        throw new Error('down');
      },
    });
    const runner = startRunner(db());
    runner.register(job);
    await runner.start();
    const dead = await runner.enqueue(job, {}, { key: 'service-a' });
    await vi.waitFor(async () => expect((await runner.get(dead))?.state).toBe('dead'), eventually);
    const newer = await runner.enqueue(job, {}, { key: 'service-a', delayMs: 60_000 });
    expect(newer).not.toBe(dead);
    const error = await runner.retry(dead).catch((e) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain(
      'another test.keyed-dead job with that key is already pending or running',
    );
    expect(await runner.cancel(newer)).toBe(true);
    expect((await runner.retry(dead)).state).toBe('pending');
  });

  it('creates a job inside the caller’s transaction: gone on rollback, run promptly after commit', async () => {
    const ran: string[] = [];
    const job = defineJob({
      name: 'test.in-transaction',
      payload: z.object({ label: z.string() }),
      handler: async ({ label }) => {
        ran.push(label);
      },
    });
    const runner = startRunner(db());
    runner.register(job);
    await runner.start();
    const kysely = db().kysely();
    const rolledBack = await kysely
      .transaction()
      .execute(async (trx) => {
        await runner.enqueue(job, { label: 'rolled back' }, { trx });
        throw new Error('the change that caused it failed');
      })
      .catch((e: Error) => e.message);
    expect(rolledBack).toBe('the change that caused it failed');
    await kysely.transaction().execute(async (trx) => {
      await runner.enqueue(job, { label: 'committed' }, { trx });
    });
    await vi.waitFor(() => expect(ran).toEqual(['committed']), eventually);
    await sleep(100);
    expect(ran).toEqual(['committed']);
    expect((await runner.list({ name: 'test.in-transaction', limit: 10 })).length).toBe(1);
  });
});

// enqueueMany on both engines: a batch of jobs in one statement, each as enqueue would make it (keys
// that are held answer the holder's id), with the caller's transaction or not at all, and one wake-up
// that reaches a runner polling only every 30 s.
import { sql } from 'kysely';
import { afterEach, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { describeEachEngine } from '../../server/test-engines.ts';
import { silentLogger } from '../logging.ts';
import { defineJob } from './definition.ts';
import { JobQueue } from './queue.ts';
import { JobRunner } from './runner.ts';

const runners: JobRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

describeEachEngine('enqueueMany', ({ db }) => {
  it('answers one id per item: new jobs, and the holder of a key already held', async () => {
    const job = defineJob({
      name: 'test.batched',
      payload: z.object({ n: z.number() }),
      handler: async () => 0,
    });
    const queue = new JobQueue(db());
    const held = await queue.enqueue(job, { n: 0 }, { key: 'k0' });
    const ids = await queue.enqueueMany(job, [
      { payload: { n: 1 }, options: { key: 'k0' } },
      { payload: { n: 2 }, options: { key: 'k2' } },
      { payload: { n: 3 }, options: { key: 'k2' } },
      { payload: { n: 4 } },
    ]);
    expect(ids[0]).toBe(held);
    expect(ids[2]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
    const stored = await Promise.all(ids.map((id) => queue.get(id)));
    expect(stored.map((j) => (j?.payload as { n: number } | undefined)?.n)).toEqual([0, 2, 2, 4]);
    expect(stored.map((j) => j?.state)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(await queue.enqueueMany(job, [])).toEqual([]);
  });

  it('checks every payload and timing before writing anything', async () => {
    const job = defineJob({
      name: 'test.checked',
      payload: z.object({ n: z.number() }),
      handler: async () => 0,
    });
    const queue = new JobQueue(db());
    const bad = [{ payload: { n: 1 } }, { payload: { n: 'two' } }] as unknown as { payload: { n: number } }[];
    await expect(queue.enqueueMany(job, bad)).rejects.toThrow(/payload.n/);
    await expect(queue.enqueueMany(job, [{ payload: { n: 1 }, options: { delayMs: -1 } }])).rejects.toThrow(
      /delayMs must be/,
    );
    expect(await queue.list({ name: 'test.checked', limit: 10 })).toEqual([]);
  });

  it('exists only if the transaction commits, and wakes a runner once it does', async () => {
    const ran: number[] = [];
    const job = defineJob({
      name: 'test.woken',
      payload: z.object({ n: z.number() }),
      handler: async ({ n }) => void ran.push(n),
    });
    const runner = new JobRunner({ database: db(), logger: silentLogger(), pollIntervalMs: 30_000 });
    runners.push(runner);
    runner.register(job);
    await runner.start();
    const kysely = db().kysely<unknown>();
    await kysely
      .transaction()
      .execute(async (trx) => {
        await runner.enqueueMany(job, [{ payload: { n: 98 } }, { payload: { n: 99 } }], { trx });
        throw new Error('rolled back');
      })
      .catch(() => {});
    const rows = await sql<{
      n: string;
    }>`select count(*) as n from steward_job where name = 'test.woken'`.execute(kysely);
    expect(Number(rows.rows[0]?.n)).toBe(0);
    await kysely.transaction().execute((trx) =>
      runner.enqueueMany(
        job,
        [1, 2, 3].map((n) => ({ payload: { n } })),
        { trx },
      ),
    );
    await vi.waitFor(() => expect([...ran].sort()).toEqual([1, 2, 3]), { timeout: 5000, interval: 20 });
  });
});

// A periodic job on both engines: however many servers start it, one job waits per period; each run
// enqueues the next period's, at its start, once.
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import type { JobContext } from './definition.ts';
import { definePeriodicJob } from './periodic.ts';
import { JobQueue } from './queue.ts';

describeEachEngine('periodic jobs', ({ db }) => {
  it('keeps one job per period across starts and runs', async () => {
    const queue = new JobQueue(db());
    let now = new Date('2030-01-01T00:00:30Z');
    const runs: string[] = [];
    const periodic = definePeriodicJob({
      name: 'test.every-minute',
      everyMs: 60_000,
      jobs: queue,
      now: () => now,
      run: async (at) => {
        runs.push(at.toISOString());
        return { ran: true };
      },
    });
    const pending = async () =>
      (await queue.list({ name: 'test.every-minute', state: 'pending', limit: 10 })).map((j) => ({
        key: j.key,
        runAt: j.runAt.toISOString(),
      }));
    // Two servers start it in the same minute: one job, for that minute (due at once).
    await periodic.start();
    await periodic.start();
    const minute = Math.floor(now.getTime() / 60_000);
    expect((await pending()).map((j) => j.key)).toEqual([`test.every-minute-${minute}`]);

    // A run (and its retry) enqueue the next minute's job once, due at 00:01:00.
    const ctx = {} as JobContext;
    await periodic.definition.handler({ slot: `test.every-minute-${minute}` }, ctx);
    now = new Date('2030-01-01T00:00:31Z');
    await periodic.definition.handler({ slot: `test.every-minute-${minute}` }, ctx);
    expect(runs).toEqual(['2030-01-01T00:00:30.000Z', '2030-01-01T00:00:31.000Z']);
    expect(await pending()).toContainEqual({
      key: `test.every-minute-${minute + 1}`,
      runAt: '2030-01-01T00:01:00.000Z',
    });
    expect((await pending()).filter((j) => j.key === `test.every-minute-${minute + 1}`)).toHaveLength(1);
  });
});

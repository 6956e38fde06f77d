import { afterEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { silentLogger } from '../logging.ts';
import { createMetrics, type Metrics } from '../metrics.ts';
import { defineJob, PermanentJobError } from './definition.ts';
import { JobRunner } from './runner.ts';

let runner: JobRunner | undefined;
afterEach(() => runner?.stop());

/** The value Prometheus would scrape for one series, or undefined when it is not exposed. */
async function scrape(metrics: Metrics, series: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeEachEngine('job metrics', ({ db }) => {
  it('exposes queue depth by state, the wait of the oldest due job, and outcomes', async () => {
    const metrics = createMetrics();
    runner = new JobRunner({ database: db(), logger: silentLogger(), metrics, pollIntervalMs: 30_000 });
    const ok = defineJob({ name: 'test.metrics-ok', handler: async () => {} });
    const broken = defineJob({
      name: 'test.metrics-broken',
      handler: async () => {
        throw new PermanentJobError('the target rejected it');
      },
    });
    const now = Date.now();
    await runner.enqueue(ok, {}, { runAt: new Date(now - 30_000) });
    await runner.enqueue(ok, {}, { runAt: new Date(now - 10_000) });
    await runner.enqueue(broken, {}, { runAt: new Date(now - 20_000) });
    await runner.enqueue(ok, {}, { delayMs: 60 * 60 * 1000 });

    expect(await scrape(metrics, 'steward_jobs_depth{state="pending"}')).toBe(4);
    expect(await scrape(metrics, 'steward_jobs_depth{state="dead"}')).toBe(0);
    const age = (await scrape(metrics, 'steward_jobs_oldest_pending_age_seconds')) ?? -1;
    expect(age).toBeGreaterThanOrEqual(30);
    expect(age).toBeLessThan(40);

    runner.register(ok, broken);
    await runner.start();
    await vi.waitFor(
      async () => expect(await scrape(metrics, 'steward_jobs_depth{state="succeeded"}')).toBe(2),
      { timeout: 5000, interval: 20 },
    );
    expect(await scrape(metrics, 'steward_jobs_depth{state="dead"}')).toBe(1);
    expect(await scrape(metrics, 'steward_jobs_depth{state="pending"}')).toBe(1);
    expect(await scrape(metrics, 'steward_jobs_depth{state="running"}')).toBe(0);
    expect(await scrape(metrics, 'steward_jobs_depth{state="cancelled"}')).toBe(0);
    // The one pending job is an hour away: nothing due is waiting.
    expect(await scrape(metrics, 'steward_jobs_oldest_pending_age_seconds')).toBe(0);
    expect(
      await scrape(metrics, 'steward_jobs_outcomes_total{name="test.metrics-ok",outcome="succeeded"}'),
    ).toBe(2);
    expect(
      await scrape(metrics, 'steward_jobs_outcomes_total{name="test.metrics-broken",outcome="dead"}'),
    ).toBe(1);
  });
});

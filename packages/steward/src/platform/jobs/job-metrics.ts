// The queue as Prometheus sees it: depth by state and the wait of the oldest due job, read from
// the table at scrape time (so every runner process reports the same), and outcomes counted here.
import { Counter } from 'prom-client';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import type { Metrics } from '../metrics.ts';
import { countJobsByState, type JobTables, oldestDueAgeSeconds } from './store.ts';

export type JobOutcome = 'succeeded' | 'retrying' | 'dead' | 'released';

export type OutcomeCounter = Pick<Counter<'name' | 'outcome'>, 'inc'>;

export function registerJobMetrics(metrics: Metrics, database: Database, logger: Logger): OutcomeCounter {
  const db = () => database.kysely<JobTables>();
  metrics.gauge('steward_jobs_depth', 'Jobs in the queue, by state.', ['state'], async (gauge) => {
    try {
      const counts = await countJobsByState(db());
      for (const [state, count] of Object.entries(counts)) gauge.set({ state }, count);
    } catch (error) {
      // No sample beats a stale one: the scrape still answers, without this gauge.
      gauge.reset();
      logger.warn({ err: error }, 'could not read the job queue depth');
    }
  });
  metrics.gauge(
    'steward_jobs_oldest_pending_age_seconds',
    'Seconds the longest-waiting due pending job has waited past its run_at; 0 when none waits.',
    [],
    async (gauge) => {
      try {
        gauge.set(await oldestDueAgeSeconds(db()));
      } catch (error) {
        gauge.reset();
        logger.warn({ err: error }, 'could not read the age of the oldest pending job');
      }
    },
  );
  return new Counter({
    name: 'steward_jobs_outcomes_total',
    help: 'Finished job attempts, by job name and outcome (succeeded, retrying, dead, released).',
    labelNames: ['name', 'outcome'] as const,
    registers: [metrics.registry],
  });
}

export const uncountedOutcomes: OutcomeCounter = { inc: () => {} };

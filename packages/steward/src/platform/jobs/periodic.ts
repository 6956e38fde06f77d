// A job that runs every `everyMs`, once per period across all servers: each run enqueues the next at
// the start of the following period, keyed by the period, so however many servers start it or retry
// it, one job per period exists. `start` enqueues the current period's.
import { z } from 'zod';
import { defineJob, type JobDefinition } from './definition.ts';
import type { JobQueue } from './queue.ts';

export interface PeriodicJob {
  definition: JobDefinition<{ slot: string }>;
  start(): Promise<void>;
}

export function definePeriodicJob(spec: {
  name: string;
  everyMs: number;
  jobs: JobQueue;
  now(): Date;
  run(now: Date): Promise<Record<string, unknown>>;
}): PeriodicJob {
  const period = (at: Date) => Math.floor(at.getTime() / spec.everyMs);
  const slot = (n: number) => `${spec.name}-${n}`;
  const definition: JobDefinition<{ slot: string }> = defineJob<{ slot: string }>({
    name: spec.name,
    payload: z.object({ slot: z.string() }),
    handler: async () => {
      const now = spec.now();
      const result = await spec.run(now);
      const next = period(now) + 1;
      await spec.jobs.enqueue(
        definition,
        { slot: slot(next) },
        { runAt: new Date(next * spec.everyMs), key: slot(next) },
      );
      return result;
    },
  });
  return {
    definition,
    async start() {
      const current = period(spec.now());
      await spec.jobs.enqueue(definition, { slot: slot(current) }, { key: slot(current) });
    },
  };
}

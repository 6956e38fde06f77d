// Test fixture: a job that records each execution in a table, so tests can count how often each job ran,
// and the runner process the multi-process tests start.
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { defineJob } from './definition.ts';

export const runsTable = 'test_job_run';

export async function createRunsTable(database: Database): Promise<void> {
  await sql`create table if not exists test_job_run (
    job_id uuid not null, runner text not null, attempt int not null, finished boolean not null)`.execute(
    database.kysely(),
  );
}

/**
 * Records `started` before the handler's work and `finished` after it, in separate statements,
 * so a runner killed in between leaves a started-only row.
 */
export function recordRunJob(database: Database, runnerId: () => string, workMs = 0) {
  return defineJob({
    name: 'test.record-run',
    maxAttempts: 3,
    backoff: { initialMs: 10 },
    handler: async (_payload, ctx) => {
      const kysely = database.kysely();
      const row = { runner: runnerId(), attempt: ctx.attempt };
      if (workMs > 0) {
        await sql`insert into test_job_run values (${ctx.jobId}, ${row.runner}, ${row.attempt}, false)`.execute(
          kysely,
        );
        await new Promise((resolve) => setTimeout(resolve, workMs));
      }
      await sql`insert into test_job_run values (${ctx.jobId}, ${row.runner}, ${row.attempt}, true)`.execute(
        kysely,
      );
    },
  });
}

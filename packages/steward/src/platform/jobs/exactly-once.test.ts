import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { afterEach, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { silentLogger } from '../logging.ts';
import { createRunsTable, recordRunJob } from './record-run.fixture.ts';
import { JobRunner } from './runner.ts';

const runnerProcessScript = join(import.meta.dirname, 'runner-process.fixture.ts');
const children = new Set<ChildProcess>();

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

interface RunnerInFleet {
  id: string;
  stop(): Promise<void>;
}

/** A runner in a separate OS process (the repository's node), answering once it claims. */
async function spawnRunnerProcess(url: string, workMs = 0, leaseMs = 30_000) {
  const child = spawn(process.execPath, [runnerProcessScript, url, String(workMs), String(leaseMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.startsWith('ready ') && resolve(line.slice('ready '.length)));
    child.on('exit', (code) =>
      reject(new Error(`the runner process exited with ${code} before it was ready`)),
    );
  });
  const id = await ready;
  return {
    id,
    child,
    async stop() {
      child.stdin?.end();
      const [code] = await exited;
      children.delete(child);
      expect(code).toBe(0);
    },
  };
}

async function startInProcessRunner(database: Database, ownsDatabase: boolean): Promise<RunnerInFleet> {
  const runner = new JobRunner({ database, logger: silentLogger(), concurrency: 8, pollIntervalMs: 1000 });
  runner.register(recordRunJob(database, () => runner.id));
  await runner.start();
  return {
    id: runner.id,
    async stop() {
      await runner.stop();
      if (ownsDatabase) await database.close();
    },
  };
}

describeEachEngine('job runners sharing one database', ({ db, engine, url }) => {
  it('never run the same job twice, round after round', { timeout: 45_000 }, async () => {
    await createRunsTable(db());
    const kysely = db().kysely();
    const rounds = 3;
    const jobsPerRound = engine === 'postgres' ? 2000 : 400;
    for (let round = 0; round < rounds; round++) {
      const t0 = Date.now();
      await sql`delete from test_job_run`.execute(kysely);
      // PostgreSQL: two runner processes plus two in this process, each with its own pool.
      // PGlite is one process's embedded database: three runners share it.
      const fleet: RunnerInFleet[] =
        engine === 'postgres'
          ? await Promise.all([
              spawnRunnerProcess(url() as string),
              spawnRunnerProcess(url() as string),
              openDatabase({ url: url(), poolSize: 4 }).then((d) => startInProcessRunner(d, true)),
              openDatabase({ url: url(), poolSize: 4 }).then((d) => startInProcessRunner(d, true)),
            ])
          : await Promise.all([1, 2, 3].map(() => startInProcessRunner(db(), false)));
      const t1 = Date.now();
      const producer = new JobRunner({ database: db(), logger: silentLogger() });
      const job = recordRunJob(db(), () => 'producer');
      // In transactions of 100, four at a time, as a burst of incoming alerts would enqueue them.
      const ids: string[] = [];
      const enqueueHundred = () =>
        kysely.transaction().execute(async (trx) => {
          for (let i = 0; i < 100; i++) ids.push(await producer.enqueue(job, {}, { trx }));
        });
      for (let i = 0; i < jobsPerRound; i += 400) await Promise.all([1, 2, 3, 4].map(enqueueHundred));
      const t2 = Date.now();
      await vi.waitFor(
        async () => {
          const { rows } = await sql<{ unfinished: number }>`select count(*)::int as unfinished
            from steward_job where name = 'test.record-run' and state <> 'succeeded'`.execute(kysely);
          expect(rows[0]?.unfinished).toBe(0);
        },
        { timeout: 30_000, interval: 100 },
      );
      const { rows: runs } = await sql<{ job_id: string; runner: string }>`
        select job_id, runner from test_job_run`.execute(kysely);
      expect(runs).toHaveLength(jobsPerRound);
      expect(new Set(runs.map((r) => r.job_id))).toEqual(new Set(ids));
      const runsPerRunner = new Map(fleet.map((r) => [r.id, 0]));
      for (const run of runs) runsPerRunner.set(run.runner, (runsPerRunner.get(run.runner) ?? 0) + 1);
      console.log(engine, t1 - t0, t2 - t1, Date.now() - t2, [...runsPerRunner.values()]);
      expect(runsPerRunner.size).toBe(fleet.length);
      expect([...runsPerRunner.values()].every((n) => n > 0)).toBe(true);
      await Promise.all(fleet.map((r) => r.stop()));
    }
  });

  if (engine === 'postgres') {
    it('runs a job again elsewhere when its runner process is killed mid-run', {
      timeout: 20_000,
    }, async () => {
      await createRunsTable(db());
      const kysely = db().kysely();
      await sql`delete from test_job_run`.execute(kysely);
      const doomed = await spawnRunnerProcess(url() as string, 60_000, 600);
      const producer = new JobRunner({ database: db(), logger: silentLogger() });
      const id = await producer.enqueue(
        recordRunJob(db(), () => 'producer'),
        {},
      );
      const runsOf = async () =>
        (
          await sql<{ runner: string; attempt: number; finished: boolean }>`select runner, attempt, finished
            from test_job_run where job_id = ${id} order by attempt, finished`.execute(kysely)
        ).rows;
      await vi.waitFor(async () => expect(await runsOf()).toHaveLength(1), { timeout: 10_000, interval: 20 });
      doomed.child.kill('SIGKILL');
      await once(doomed.child, 'exit');
      const survivor = await startInProcessRunner(db(), false);
      await vi.waitFor(async () => expect((await producer.get(id))?.state).toBe('succeeded'), {
        timeout: 10_000,
        interval: 50,
      });
      await survivor.stop();
      expect(await runsOf()).toEqual([
        { runner: doomed.id, attempt: 1, finished: false },
        { runner: survivor.id, attempt: 2, finished: true },
      ]);
      expect((await producer.get(id))?.lastError).toBe(
        `attempt 1 of 3 did not finish: the lease of runner ${doomed.id} ran out (it stopped or crashed)`,
      );
    });
  }
});

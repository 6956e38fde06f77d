// `steward jobs` as an on-call engineer runs it: the real binary against a listening in-process
// server, with jobs run by a runner of the test's own (one that fails until told otherwise).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { silentLogger } from '../logging.ts';
import { defineJob, PermanentJobError } from './definition.ts';
import { JobRunner } from './runner.ts';

const bin = resolve(import.meta.dirname, '../../../bin/steward.js');

describeEachEngine('steward jobs', ({ db }) => {
  let steward_: TestSteward;
  let runner: JobRunner;
  let env: Record<string, string>;
  let deadId: string;
  let webhookDown = true;
  const notify = defineJob({
    name: 'test.cli-notify',
    maxAttempts: 1,
    handler: async () => {
      if (webhookDown) throw new PermanentJobError('the webhook answered 410 Gone');
      return { delivered: 1 };
    },
  });
  const slow = defineJob({
    name: 'test.cli-slow',
    handler: async (_payload, ctx) => {
      for (let step = 1; step <= 3; step++) {
        ctx.progress({ step, of: 3 });
        await sleep(400);
      }
      return { steps: 3 };
    },
  });

  const steward = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, [bin, 'jobs', ...args], { env: { ...process.env, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => done({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    steward_ = await startTestSteward(db());
    await steward_.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward_.app.server.address() as { port: number };
    env = {
      STEWARD_TOKEN: steward_.adminToken,
      STEWARD_SERVER: `http://127.0.0.1:${port}`,
      STEWARD_CONFIG: join(steward_.dataDir, 'no-config.json'),
    };
    runner = new JobRunner({ database: db(), logger: silentLogger(), progressIntervalMs: 50 });
    runner.register(notify, slow);
    await runner.start();
    deadId = await runner.enqueue(notify, { to: 'https://example.test/hook' }, { enqueuedBy: 'admin' });
    await vi.waitFor(async () => expect((await runner.get(deadId))?.state).toBe('dead'), 10_000);
  });
  afterAll(async () => {
    await runner?.stop();
    await steward_?.close();
  });

  it('lists jobs as a table, filtered by state and name, or as JSON', async () => {
    const table = await steward('list', '--state', 'dead', '--name', 'test.cli-notify');
    expect(table.code).toBe(0);
    const [header, row, more] = table.stdout.trim().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+STATE\s+ATTEMPTS\s+STARTED BY\s+CREATED\s+FINISHED$/);
    expect(row).toMatch(new RegExp(`^${deadId}\\s+test.cli-notify\\s+dead\\s+1/1\\s+admin\\s`));
    expect(more).toBeUndefined();
    const json = await steward('list', '--name', 'test.cli-notify', '--format', 'json');
    expect(JSON.parse(json.stdout).items).toEqual([expect.objectContaining({ id: deadId, state: 'dead' })]);
    const none = await steward('list', '--state', 'pending', '--name', 'test.cli-notify');
    expect(none.stdout).toBe('(none)\n');
  });

  it('shows one job as a readable block: why it failed and how to retry it', async () => {
    const shown = await steward('show', deadId);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^state:\s+dead$/m);
    expect(shown.stdout).toMatch(/^attempts:\s+1 of 1$/m);
    expect(shown.stdout).toMatch(/^started by:\s+admin$/m);
    expect(shown.stdout).toMatch(/^last error:\s+the webhook answered 410 Gone$/m);
    expect(shown.stdout).toMatch(new RegExp(`^to retry:\\s+steward jobs retry ${deadId}$`, 'm'));
    const json = JSON.parse((await steward('show', deadId, '--format', 'json')).stdout);
    expect(json).toMatchObject({ id: deadId, payload: { to: 'https://example.test/hook' }, result: null });
  });

  it('says how to find a job when the id is unknown or not an id at all (exit 2)', async () => {
    const unknown = await steward('show', '00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'no job 00000000-0000-4000-8000-000000000000 on this server (finished jobs are pruned after a while); `steward jobs list` shows the jobs there are',
    );
    const typo = await steward('wait', 'catalog.source-ingest');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('"catalog.source-ingest" is not a job id');
    const badState = await steward('list', '--state', 'failed');
    expect(badState.code).toBe(2);
    expect(badState.stderr).toContain('--state must be one of pending, running, succeeded, dead, cancelled');
  });

  it('waits for a dead job with exit 1, retries it, then waits for it to succeed with exit 0', async () => {
    const failed = await steward('wait', deadId);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      `job ${deadId} (test.cli-notify) failed after 1 attempt: the webhook answered 410 Gone`,
    );
    webhookDown = false;
    const retried = await steward('retry', deadId);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toBe(
      `job ${deadId} (test.cli-notify) is pending again; follow it: steward jobs wait ${deadId}\n`,
    );
    const waited = await steward('wait', deadId);
    expect(waited.code).toBe(0);
    expect(waited.stdout).toMatch(/^state:\s+succeeded$/m);
    expect(waited.stdout).toMatch(/^result:\s+\{"delivered":1\}$/m);
    const again = await steward('retry', deadId);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`job ${deadId} is succeeded; only dead jobs can be retried`);
  });

  it('follows a running job’s progress on stderr and prints its result as JSON', async () => {
    const id = await runner.enqueue(slow, {});
    const waited = await steward('wait', id, '--format', 'json');
    expect(waited.code).toBe(0);
    // Stored as jsonb, so the keys come back in jsonb's order.
    expect(waited.stderr).toMatch(/^test\.cli-slow: of=3 step=[1-3]$/m);
    expect(JSON.parse(waited.stdout)).toMatchObject({ id, state: 'succeeded', result: { steps: 3 } });
  });

  it('cancels a pending job, and says why it cannot cancel it twice', async () => {
    const id = await runner.enqueue(notify, {}, { delayMs: 3_600_000 });
    const cancelled = await steward('cancel', id);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toBe(`job ${id} (test.cli-notify) is cancelled\n`);
    const twice = await steward('cancel', id);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`job ${id} is cancelled; only a pending job can be cancelled`);
  });
});

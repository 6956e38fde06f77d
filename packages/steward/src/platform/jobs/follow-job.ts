// For commands that start a job on the server (a 202 with `{ job: { id, url } }`) or wait for one
// (`steward jobs wait`): poll it, showing its progress, until it has finished.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from '../cli/client.ts';
import { CliExit, exitCodes } from '../cli/program.ts';
import { type JobView, jobSchema } from './schemas.ts';

export interface FollowOptions {
  onProgress?: (progress: unknown) => void;
  pollMs?: number;
}

const finished = new Set(['succeeded', 'dead', 'cancelled']);

/** Answers the job once it has finished, whatever its outcome (succeeded, dead or cancelled). */
export async function watchJob(
  client: ApiClient,
  job: { id: string; url: string },
  options: FollowOptions = {},
): Promise<JobView> {
  let seen = '';
  for (;;) {
    const current = await client.request('GET', job.url, jobSchema);
    const progress = JSON.stringify(current.progress);
    if (current.progress !== null && progress !== seen) options.onProgress?.(current.progress);
    seen = progress;
    if (finished.has(current.state)) return current;
    await sleep(options.pollMs ?? 500);
  }
}

/** Answers the job once it succeeded; a job that failed or was cancelled is an error saying why. */
export async function followJob(
  client: ApiClient,
  job: { id: string; url: string },
  options: FollowOptions = {},
): Promise<JobView> {
  const current = await watchJob(client, job, options);
  if (current.state === 'succeeded') return current;
  throw new CliExit(exitCodes.problems, `${jobOutcome(current)}. See it with: steward jobs show ${job.id}`);
}

/** One line on how a finished job ended: "job … (catalog.ingest) failed after 5 attempts: why". */
export function jobOutcome(job: JobView): string {
  if (job.state === 'succeeded') return `job ${job.id} (${job.name}) succeeded`;
  const why = job.lastError ?? 'no error was recorded';
  const attempts = `${job.attempts} attempt${job.attempts === 1 ? '' : 's'}`;
  return `job ${job.id} (${job.name}) ${job.state === 'dead' ? 'failed' : 'was cancelled'} after ${attempts}: ${why}`;
}

// For commands that start a job on the server (a 202 with `{ job: { id, url } }`): wait for it,
// showing its progress, and answer the finished job; a job that failed is an error saying why.
import { setTimeout as sleep } from 'node:timers/promises';
import { type JobView, jobSchema } from '../jobs/schemas.ts';
import type { ApiClient } from './client.ts';
import { CliExit, exitCodes } from './program.ts';

export async function followJob(
  client: ApiClient,
  job: { id: string; url: string },
  options: { onProgress?: (progress: unknown) => void; pollMs?: number } = {},
): Promise<JobView> {
  let seen = '';
  for (;;) {
    const current = await client.request('GET', job.url, jobSchema);
    const progress = JSON.stringify(current.progress);
    if (current.progress !== null && progress !== seen) options.onProgress?.(current.progress);
    seen = progress;
    if (current.state === 'succeeded') return current;
    if (current.state === 'dead' || current.state === 'cancelled') {
      const why = current.lastError ?? 'no error was recorded';
      throw new CliExit(
        exitCodes.problems,
        `job ${job.id} (${current.name}) ${current.state === 'dead' ? 'failed' : 'was cancelled'} after ${current.attempts} attempt${current.attempts === 1 ? '' : 's'}: ${why}. See it with: steward jobs show ${job.id}`,
      );
    }
    await sleep(options.pollMs ?? 500);
  }
}

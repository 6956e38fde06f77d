// Following a background job the server started for the portal (a 202 answer with `{ job: { id, url } }`):
// its URL is polled until it finishes, each new progress handed to the page on the way.
import type { JobView } from '@steward/steward/api';
import { get } from './http.ts';

export type { JobView };

const finished = new Set<JobView['state']>(['succeeded', 'dead', 'cancelled']);

export async function followJob(
  job: { url: string },
  onProgress: (progress: unknown) => void,
  pollMs = 400,
): Promise<JobView> {
  let seen = '';
  for (;;) {
    const current = await get<JobView>(job.url);
    const progress = JSON.stringify(current.progress);
    if (current.progress !== null && progress !== seen) onProgress(current.progress);
    seen = progress;
    if (finished.has(current.state)) return current;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

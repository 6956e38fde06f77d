// How `steward jobs` prints a job for people: a table row in `list`, a readable block in `show`.
import type { Column } from '../cli/output.ts';
import type { JobView } from './schemas.ts';

export const jobColumns: Column<JobView>[] = [
  { header: 'id', value: (j) => j.id },
  { header: 'name', value: (j) => j.name },
  { header: 'state', value: (j) => j.state },
  { header: 'attempts', value: (j) => `${j.attempts}/${j.maxAttempts}` },
  { header: 'started by', value: (j) => startedBy(j) },
  { header: 'created', value: (j) => j.createdAt },
  { header: 'finished', value: (j) => j.finishedAt },
];

/** The fields of `steward jobs show`, in the order an on-call engineer reads them. */
export function jobRecord(job: JobView): Record<string, unknown> {
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    attempts: `${job.attempts} of ${job.maxAttempts}`,
    'started by': startedBy(job),
    created: job.createdAt,
    due: job.runAt,
    finished: job.finishedAt,
    ...(job.state === 'running' ? { 'running on': `${job.lockedBy} (lease until ${job.lockedUntil})` } : {}),
    ...(job.serialKey ? { 'serial key': job.serialKey } : {}),
    ...(job.key ? { key: job.key } : {}),
    progress: compact(job.progress),
    result: compact(job.result),
    'last error': job.lastError,
    ...nextStep(job),
  };
}

/** Progress as one short line: `files=12 entities=40`, or JSON when it is not a flat object. */
export function progressLine(progress: unknown): string {
  if (progress && typeof progress === 'object' && !Array.isArray(progress)) {
    const entries = Object.entries(progress);
    if (entries.every(([, v]) => v === null || typeof v !== 'object')) {
      return entries.map(([k, v]) => `${k}=${v}`).join(' ');
    }
  }
  return JSON.stringify(progress);
}

function startedBy(job: JobView): string {
  return job.enqueuedBy ?? 'Steward';
}

function compact(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = JSON.stringify(value);
  return text.length > 2000 ? `${text.slice(0, 2000)}… (--format json shows all of it)` : text;
}

function nextStep(job: JobView): Record<string, string> {
  if (job.state === 'dead') return { 'to retry': `steward jobs retry ${job.id}` };
  if (job.state === 'pending') return { 'to cancel': `steward jobs cancel ${job.id}` };
  if (job.state === 'running') return { 'to wait': `steward jobs wait ${job.id}` };
  return {};
}

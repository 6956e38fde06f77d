// What the sources page shows when a read finishes: the summary, or a problem saying why it failed.
import type { JobView } from '@steward/steward/api';
import { describe, expect, it } from 'vitest';
import { ingestOutcome } from './catalog.ts';
import { ApiError } from './http.ts';

const job = (over: Partial<JobView>): JobView => ({
  id: '3f2c9a1e-5b7d-4c1e-9f3a-2d8e6b0c4a17',
  name: 'catalog.source-ingest',
  state: 'succeeded',
  payload: {},
  key: null,
  runAt: '2026-01-01T00:00:00.000Z',
  attempts: 1,
  maxAttempts: 3,
  lastError: null,
  lockedBy: null,
  lockedUntil: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  serialKey: null,
  progress: null,
  result: null,
  enqueuedBy: 'kelsey-okafor',
  url: '/api/v1/jobs/3f2c9a1e-5b7d-4c1e-9f3a-2d8e6b0c4a17',
  ...over,
});

describe('ingestOutcome', () => {
  it('answers the summary a read that succeeded reported', () => {
    const summary = { added: 1, errors: [], warnings: [] };
    expect(ingestOutcome(job({ result: summary }))).toBe(summary);
  });

  it('turns a read that failed or was cancelled into a problem saying why, with the job', () => {
    const failed = job({ state: 'dead', attempts: 3, lastError: 'git clone: repository not found' });
    expect(() => ingestOutcome(failed)).toThrow(ApiError);
    expect(() => ingestOutcome(failed)).toThrow(
      'git clone: repository not found (job 3f2c9a1e-5b7d-4c1e-9f3a-2d8e6b0c4a17, after 3 attempts)',
    );
    const thrown = (() => {
      try {
        ingestOutcome(job({ state: 'cancelled', attempts: 0 }));
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({
      title: 'Reading the source was cancelled',
      message: 'No reason was recorded. (job 3f2c9a1e-5b7d-4c1e-9f3a-2d8e6b0c4a17, after 0 attempts)',
    });
  });
});

// Reading and removing sources run as durable jobs: `catalog.source-ingest` and `catalog.source-remove`,
// serialised per source (serial key `catalog-source:<id>`), so ingests of one source run one at a time
// and in the order asked, across every server. Both are idempotent, as the job contract requires:
// an ingest compares with what the store holds and writes the difference in one transaction (a second
// run finds nothing to change); a removal of a source already gone removes nothing.
import { StewardError } from '../../platform/errors.ts';
import { defineJob, type JobContext, PermanentJobError } from '../../platform/jobs/index.ts';
import type { IngestSummaryView } from './schemas.ts';
import {
  ingestJobWork,
  ingestPayloadSchema,
  removeJobWork,
  removePayloadSchema,
  type SourceContext,
  type SourceJobs,
} from './source-work.ts';

/** Bad input (a URL that cannot be cloned, a path that is not there) does not get better by retrying. */
async function permanentWhenInvalid<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StewardError && (error.kind === 'invalid' || error.kind === 'not_found')) {
      throw new PermanentJobError(error.message, { cause: error });
    }
    throw error;
  }
}

export function defineSourceJobs(ctx: SourceContext): SourceJobs {
  return {
    ingest: defineJob({
      name: 'catalog.source-ingest',
      payload: ingestPayloadSchema,
      maxAttempts: 3,
      backoff: { initialMs: 5000 },
      timeoutMs: 60 * 60 * 1000,
      handler: (payload, job: JobContext): Promise<IngestSummaryView | { skipped: string }> =>
        permanentWhenInvalid(() => ingestJobWork(ctx, payload, job)),
    }),
    remove: defineJob({
      name: 'catalog.source-remove',
      payload: removePayloadSchema,
      maxAttempts: 3,
      timeoutMs: 30 * 60 * 1000,
      handler: (payload) => removeJobWork(ctx, payload),
    }),
  };
}

// One attempt at one job: check the stored payload, run the handler under its timeout, say how it went.
import type { Logger } from '../logging.ts';
import { type JobDefinition, PermanentJobError } from './definition.ts';
import type { ClaimedJob } from './store.ts';

export type AttemptOutcome = { ok: true; result: unknown } | { ok: false; error: string; permanent: boolean };

/** Longest error text kept on a job row. */
const maxErrorLength = 4000;

export async function runAttempt(
  definition: JobDefinition<unknown>,
  job: ClaimedJob,
  controller: AbortController,
  logger: Logger,
  progress: (value: unknown) => void = () => {},
): Promise<AttemptOutcome> {
  let payload: unknown;
  try {
    payload = definition.parsePayload(job.payload);
  } catch (error) {
    // Retrying cannot fix a stored payload that no longer fits the code.
    return failure(`the stored payload does not fit job ${job.name}: ${messageOf(error)}`, true);
  }
  const timeout = setTimeout(() => {
    controller.abort(new Error(`timed out after ${definition.timeoutMs} ms (the job's timeoutMs)`));
  }, definition.timeoutMs);
  const { signal } = controller;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const handled = Promise.resolve().then(() =>
    definition.handler(payload, {
      jobId: job.id,
      attempt: job.attempt,
      maxAttempts: job.maxAttempts,
      signal,
      logger: logger.child({ job: job.name, jobId: job.id, attempt: job.attempt }),
      progress,
    }),
  );
  // A handler that ignores its signal may still reject after we stopped waiting for it.
  handled.catch(() => {});
  try {
    const result = await Promise.race([handled, aborted]);
    return { ok: true, result: result ?? null };
  } catch (error) {
    return failure(messageOf(error), error instanceof PermanentJobError);
  } finally {
    clearTimeout(timeout);
    signal.removeEventListener('abort', onAbort);
  }
}

function failure(error: string, permanent: boolean): AttemptOutcome {
  return { ok: false, error: error.slice(0, maxErrorLength), permanent };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

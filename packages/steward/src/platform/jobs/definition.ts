// What a job is: a name, a typed (and optionally validated) payload, a handler, and how hard to retry it.
//
// The contract a handler is written against:
// - At least once, not exactly once. A job runs again when its attempt fails, when its runner dies,
//   and when its lease runs out while its runner is paused (a long GC, a stopped VM): then two
//   attempts can be running at the same moment. So every handler must be idempotent: running it twice,
//   or twice at once, leaves the same state as running it once (write in one transaction keyed by what
//   the job is about, compare before writing, or check that the work is already done).
// - Jobs with the same serial key run one at a time in enqueue order, across all runners (except in the
//   paused-runner case above: the lease is the only fence). Jobs with the same dedup key are one job.
// - `ctx.progress(...)` reports a small JSON progress: stored on the job (throttled) and published live.
// - What the handler answers (JSON) is stored as the job's result.
import type { z } from 'zod';
import { invalid } from '../errors.ts';
import type { Logger } from '../logging.ts';

export interface JobContext {
  jobId: string;
  /** 1 on the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the attempt times out, the runner stops, or another runner took the job over. */
  signal: AbortSignal;
  logger: Logger;
  /**
   * Reports progress: a small JSON value (e.g. `{ files, entities, written }`). Cheap to call often:
   * only the latest is kept, stored and published at most about once a second.
   */
  progress(value: unknown): void;
}

export interface Backoff {
  /** Delay before the second attempt, before jitter. */
  initialMs: number;
  /** Each later delay is the previous one times this. */
  factor: number;
  /** No delay is longer than this. */
  maxMs: number;
}

export interface JobSpec<Payload> {
  /** Unique across Steward, e.g. `alerts.notify`; stored with every job. */
  name: string;
  /**
   * Validates payloads on enqueue and again before the handler runs (stored rows outlive code).
   * Payloads are stored as JSON: dates travel as ISO strings, so declare them as strings.
   */
  payload?: z.ZodType<Payload>;
  /** Must be idempotent (see the top of this file); what it answers (JSON) is the job's result. */
  handler: (payload: Payload, ctx: JobContext) => Promise<unknown>;
  maxAttempts?: number;
  backoff?: Partial<Backoff>;
  /** An attempt running longer than this fails (and its signal is aborted). */
  timeoutMs?: number;
}

export interface JobDefinition<Payload> {
  readonly name: string;
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  readonly timeoutMs: number;
  handler(payload: Payload, ctx: JobContext): Promise<unknown>;
  /** Checks a payload, throwing an `invalid` error that names the field. */
  parsePayload(value: unknown): Payload;
}

/** Thrown by a handler when retrying cannot help (bad input, a 4xx answer): the job goes straight to dead. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

export const defaultBackoff: Backoff = { initialMs: 1000, factor: 2, maxMs: 60 * 60 * 1000 };

export function defineJob<Payload>(spec: JobSpec<Payload>): JobDefinition<Payload> {
  if (!/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/.test(spec.name)) {
    throw invalid(`job name ${JSON.stringify(spec.name)} must look like module.action, e.g. alerts.notify`);
  }
  const maxAttempts = spec.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw invalid(`job ${spec.name}: maxAttempts must be a whole number of at least 1, got ${maxAttempts}`);
  }
  const schema = spec.payload;
  return {
    name: spec.name,
    maxAttempts,
    backoff: { ...defaultBackoff, ...spec.backoff },
    timeoutMs: spec.timeoutMs ?? 5 * 60 * 1000,
    handler: spec.handler,
    parsePayload(value) {
      if (!schema) return value as Payload;
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      const problems = parsed.error.issues.map((issue) => ({
        field: ['payload', ...issue.path.map(String)].join('.'),
        message: issue.message,
      }));
      throw invalid(
        `job ${spec.name}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
        problems,
      );
    },
  };
}

/**
 * How long to wait after failed attempt number `attempt` (1-based): exponential, capped, with
 * "equal jitter" (half fixed, half random) so retries of jobs that failed together spread out.
 */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const exponential = backoff.initialMs * backoff.factor ** Math.max(0, attempt - 1);
  const capped = Math.min(backoff.maxMs, exponential);
  return Math.round(capped / 2 + (capped / 2) * random());
}

// The jobs admin API's shapes, declared once for the server, the OpenAPI document and clients.
import { z } from 'zod';

export const jobStateSchema = z.enum(['pending', 'running', 'succeeded', 'dead', 'cancelled']);

export const jobSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: jobStateSchema,
  payload: z.unknown(),
  key: z.string().nullable().describe('dedup key: one pending or running job per name and key'),
  runAt: z.iso.datetime().describe('when the job is (or was) due'),
  attempts: z.number().int().describe('attempts started so far'),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  lockedBy: z.string().nullable().describe('the runner holding a running job'),
  lockedUntil: z.iso.datetime().nullable().describe('when that runner’s lease runs out'),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  serialKey: z
    .string()
    .nullable()
    .describe('jobs with one serial key run one at a time, in the order they were enqueued'),
  progress: z.unknown().describe('what the job last reported of its progress; null before any'),
  result: z.unknown().describe('what the job answered, once it succeeded; null before'),
  enqueuedBy: z.string().nullable().describe('the handle of who asked for it; null for Steward’s own'),
  url: z.string().describe('where to follow it: GET this, or the live topic job:<id>'),
});

/** What a route that started a job answers (with 202 and a Location header): where to follow it. */
export const startedJobSchema = z.object({
  id: z.string(),
  url: z.string().describe('GET it for state, progress and result; or follow the live topic job:<id>'),
});

export const jobQuerySchema = z.strictObject({
  state: jobStateSchema.optional(),
  name: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const jobIdParamsSchema = z.strictObject({ id: z.uuid('must be a job id (a UUID)') });

export type JobView = z.infer<typeof jobSchema>;
export type StartedJob = z.infer<typeof startedJobSchema>;

export const jobUrl = (id: string) => `/api/v1/jobs/${id}`;

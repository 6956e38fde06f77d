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
});

export const jobQuerySchema = z.strictObject({
  state: jobStateSchema.optional(),
  name: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const jobIdParamsSchema = z.strictObject({ id: z.uuid('must be a job id (a UUID)') });

export type JobView = z.infer<typeof jobSchema>;

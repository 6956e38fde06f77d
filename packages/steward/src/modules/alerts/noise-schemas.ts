// The noise report's shapes over HTTP (the report itself is computed by noise/, pure).
import { z } from 'zod';

const share = z.object({ count: z.number().int(), share: z.number() });
const durations = z.object({
  count: z.number().int(),
  p50Ms: z.number(),
  p90Ms: z.number(),
  maxMs: z.number(),
});

export const noiseQuerySchema = z.strictObject({
  team: z.string().min(1).max(253).describe('a group ref or name, e.g. payments'),
  days: z.coerce.number().int().min(1).max(90).default(30).describe('how far back, in days'),
});

export const noiseAnswerSchema = z.object({
  team: z.string(),
  from: z.string(),
  until: z.string(),
  workingHours: z
    .object({ timeZone: z.string(), days: z.array(z.string()), from: z.string(), to: z.string() })
    .describe("the team's policy's, else Mon–Fri 09:00–17:00 UTC"),
  alerts: z.number().int(),
  groups: z.array(
    z.object({
      name: z.string(),
      service: z.string(),
      count: z.number().int(),
      resolvedByItself: share,
      flaps: z.number().int(),
      pagesOutsideHours: z.number().int(),
      suggestion: z.string().nullable(),
    }),
  ),
  resolvedByItself: share,
  flapping: z.array(z.object({ name: z.string(), service: z.string(), flaps: z.number().int() })),
  pagesOutsideHours: share.extend({
    pages: z.number().int(),
    byPerson: z.array(z.object({ person: z.string(), pages: z.number().int(), outsideHours: share })),
  }),
  timeToAcknowledge: durations.nullable(),
});
export type NoiseAnswer = z.infer<typeof noiseAnswerSchema>;

// What Alertmanager sends, as its project specifies (webhook payload version 4; API v2
// postableAlert), unknown fields tolerated. Timestamps are RFC 3339, with up to nine fractional digits.
import { z } from 'zod';

export const rfc3339 = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
    'must be an RFC 3339 time, e.g. 2026-11-22T00:00:00Z',
  );
// Any names, string values; as an object with a catchall rather than z.record, which checks each
// name as a schema of its own (twice the cost on a sender's batch of a hundred alerts).
const labelSet = z.object({}).catchall(z.string());

export const webhookAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: rfc3339.optional(),
  endsAt: rfc3339.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
});

export const webhookSchema = z.object({
  version: z.string().optional(),
  groupKey: z.string().describe("Alertmanager's key of the group"),
  truncatedAlerts: z.number().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().optional(),
  alerts: z.array(webhookAlertSchema),
});

export const postableAlertSchema = z.object({
  labels: labelSet.refine((l) => Object.keys(l).length > 0, 'must hold at least one label'),
  annotations: labelSet.optional(),
  startsAt: rfc3339.optional(),
  endsAt: rfc3339.optional(),
  generatorURL: z.string().optional(),
});
export const postableAlertsSchema = z.array(postableAlertSchema);

export type Webhook = z.infer<typeof webhookSchema>;
export type PostableAlert = z.infer<typeof postableAlertSchema>;

// The alerts API's shapes, declared once: routes validate with them, the OpenAPI document, the CLI and
// the portal read them. The senders' payloads are declared as their projects specify them, unknown
// fields tolerated.
import { z } from 'zod';

export const integrationTypeSchema = z.enum(['alertmanager', 'pagerduty']);
export const urgencySchema = z.enum(['high', 'low']);
export const alertStatusSchema = z.enum(['triggered', 'acknowledged', 'resolved']);

export const createIntegrationSchema = z.strictObject({
  type: integrationTypeSchema.describe('what sends: Alertmanager (webhook or API v2) or PagerDuty Events v2'),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and -, e.g. payments-am')
    .describe('unique, e.g. payments-am'),
  service: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe(
      'binds every alert it sends to this catalog entity (component:checkout); else who-owns decides',
    ),
  urgency: urgencySchema
    .optional()
    .describe("every alert it sends has this urgency, whatever the sender's severity"),
});

export const integrationSchema = z.object({
  id: z.string(),
  type: integrationTypeSchema,
  name: z.string(),
  service: z.string().nullable(),
  urgency: urgencySchema.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const createdIntegrationSchema = integrationSchema.extend({
  key: z.string().describe('the secret key: shown only now, Steward keeps only its hash'),
  endpoints: z.record(z.string(), z.string()).describe('where to send, with this key'),
});

const hopSchema = z.object({ at: z.string(), kind: z.string(), text: z.string() });
const timelineSchema = z.object({
  at: z.string(),
  status: alertStatusSchema,
  by: z.string(),
  text: z.string(),
});

/** The SLO a burn alert is about: Sloth's alerts carry `sloth_id`, `sloth_service` and `sloth_slo`. */
export const alertSloSchema = z.object({ id: z.string(), name: z.string(), service: z.string() });
export type AlertSlo = z.infer<typeof alertSloSchema>;

export const alertSchema = z.object({
  id: z.string(),
  status: alertStatusSchema,
  service: z.string().nullable().describe('the catalog entity the alert is about, as a ref'),
  team: z.string().nullable().describe('the owning group, as a ref'),
  summary: z.string(),
  labels: z.record(z.string(), z.string()),
  assignee: z.string().nullable().describe('the person being paged'),
  createdAt: z.string(),
  urgency: urgencySchema,
  unowned: z.boolean().describe('nothing owns it: it went to the default alert team'),
  source: z
    .enum(['alertmanager-webhook', 'alertmanager-api', 'pagerduty', 'steward'])
    .describe('steward: raised by Steward itself, e.g. an incident paging for a commander'),
  integration: z.string().describe("the integration's name"),
  groupKey: z.string().nullable().describe("Alertmanager's group key (webhook), or null"),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  slo: alertSloSchema
    .nullable()
    .optional()
    .describe('the SLO a burn alert is about (its sloth_id label), when Steward has it; null otherwise'),
});

export const escalationViewSchema = z.object({
  state: z
    .enum(['suppressed', 'no-policy', 'escalating', 'done'])
    .describe('done: stopped (acknowledged, resolved, or the policy ran out)'),
  policy: z.string().nullable().describe('the EscalationPolicy it follows'),
  level: z.number().int().nullable().describe('the step due next (1 is the first)'),
  run: z.number().int().nullable().describe('the pass through the policy (0 is the first)'),
  nextAt: z.string().nullable().describe('when escalation looks again; null when it will not'),
  suppression: z
    .object({ kind: z.enum(['silence', 'maintenance']), id: z.string() })
    .nullable()
    .describe('what holds it while suppressed'),
});

/** As the notifications module answers it (GET /api/v1/notifications/deliveries). */
const deliverySchema = z.looseObject({
  id: z.string(),
  person: z.string(),
  level: z.number().int(),
  state: z.string(),
  at: z.string(),
});

export const alertDetailSchema = alertSchema.extend({
  dedupKey: z.string().describe('fingerprint (Alertmanager) or dedup_key (PagerDuty)'),
  groupLabels: z.record(z.string(), z.string()).nullable(),
  annotations: z.record(z.string(), z.unknown()),
  generatorUrl: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  hops: z.array(hopSchema).describe('how the alert reached its owner, each with its reason'),
  timeline: z.array(timelineSchema).describe('every change of state, oldest first'),
  escalation: escalationViewSchema.nullable().describe('null until its first escalation job ran'),
  deliveries: z
    .array(deliverySchema)
    .describe('its notifications, one per person, contact method and rule, oldest first'),
});

export const alertListQuerySchema = z.strictObject({
  status: alertStatusSchema.optional(),
  service: z.string().min(1).optional().describe('an entity ref or name'),
  team: z.string().min(1).optional().describe('a group ref or name'),
  cursor: z.string().regex(/^\d+$/, 'must be the `next` of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const alertListSchema = z.object({
  items: z.array(alertSchema),
  next: z.string().nullable().describe('pass as `cursor` for the next page; null on the last'),
});

export type Integration = z.infer<typeof integrationSchema>;
export type CreateIntegration = z.infer<typeof createIntegrationSchema>;
export type AlertView = z.infer<typeof alertSchema>;
export type AlertDetail = z.infer<typeof alertDetailSchema>;
export type EscalationView = z.infer<typeof escalationViewSchema>;
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

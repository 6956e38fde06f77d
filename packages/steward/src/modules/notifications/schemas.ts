// The notifications API's shapes, declared once: routes validate and serialise with them, the OpenAPI
// document comes from them, and the alerts module calls the face with `NotifyRequest`.
import { z } from 'zod';

export const contactMethodTypes = ['webhook', 'email', 'slack'] as const;
export type ContactMethodType = (typeof contactMethodTypes)[number];

export const newContactMethodSchema = z.strictObject({
  type: z.enum(contactMethodTypes, { error: 'must be webhook, email or slack' }),
  address: z
    .string()
    .min(3)
    .max(2000)
    .describe('webhook and slack: an http(s) URL; email: an address such as alice@example.com'),
});
export type NewContactMethod = z.infer<typeof newContactMethodSchema>;

export const contactMethodSchema = z.object({
  id: z.string(),
  person: z.string().describe('the handle of the person it belongs to'),
  type: z.enum(contactMethodTypes),
  address: z
    .string()
    .describe(
      'email: the address; webhook and slack: only scheme, host and the last 4 characters, since the URL is a secret',
    ),
  createdAt: z.string(),
});
export type ContactMethod = z.infer<typeof contactMethodSchema>;

export const testSendSchema = z.object({
  sent: z.boolean(),
  detail: z.string().describe('what the far end answered, or why nothing was sent'),
});

/** ISO 8601 durations of days, hours, minutes and seconds: PT0M, PT5M, PT1H30M, P1D. */
export const durationSchema = z
  .string()
  .regex(
    /^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/,
    'must be an ISO 8601 duration such as PT0M, PT5M, PT1H or P1D',
  )
  .refine((v) => v !== 'P' && !v.endsWith('T'), 'must be an ISO 8601 duration such as PT0M, PT5M or PT1H');

export const ruleSchema = z.strictObject({
  after: durationSchema.describe('how long after the alert reaches this person'),
  contactMethod: z.string().min(1).describe('the id of one of the person’s contact methods'),
});
export type Rule = z.infer<typeof ruleSchema>;

export const setRulesSchema = z.strictObject({
  high: z.array(ruleSchema).max(20).default([]),
  low: z.array(ruleSchema).max(20).default([]),
});
export type SetRules = z.infer<typeof setRulesSchema>;

export const effectiveRulesSchema = z.object({
  high: z.array(ruleSchema),
  low: z.array(ruleSchema),
  source: z
    .enum(['own', 'default'])
    .describe(
      'default: the person set no rules, so high urgency goes at once to every contact method and low urgency at once to email methods only',
    ),
});
export type EffectiveRules = z.infer<typeof effectiveRulesSchema>;

export const urgencySchema = z.enum(['high', 'low']);
export type Urgency = z.infer<typeof urgencySchema>;

export const notifiedAlertSchema = z.object({
  id: z.string(),
  status: z.string(),
  service: z.string().nullable(),
  team: z.string().nullable(),
  summary: z.string(),
  labels: z.record(z.string(), z.string()),
});
export type NotifiedAlert = z.infer<typeof notifiedAlertSchema>;

export const notifyRequestSchema = z.object({
  person: z.string().min(1).describe('a handle (alice) or User ref (user:default/alice)'),
  urgency: urgencySchema,
  level: z.number().int().min(1),
  alert: notifiedAlertSchema,
  links: z.object({ acknowledge: z.string(), resolve: z.string() }),
  idempotencyKey: z.string().min(1).max(300),
});
export type NotifyRequest = z.infer<typeof notifyRequestSchema>;

export const shiftNoticeSchema = z.object({
  about: z
    .enum(['shift', 'gap'])
    .default('shift')
    .describe(
      "shift: the person's own shift is coming up; gap: nobody is on call then, and the person's team owns the schedule",
    ),
  schedule: z.string().nullable().describe('the Schedule ref, e.g. schedule:default/payments-primary'),
  policy: z.string().nullable().describe('the EscalationPolicy ref'),
  level: z.number().int().min(1),
  from: z.string().describe('ISO 8601: when the shift (or the gap) starts'),
  until: z.string().describe('ISO 8601: when it ends'),
});
export type ShiftNotice = z.input<typeof shiftNoticeSchema>;

export const notifyShiftRequestSchema = z.object({
  person: z.string().min(1),
  shift: shiftNoticeSchema,
  idempotencyKey: z.string().min(1).max(300),
});
export type NotifyShiftRequest = z.input<typeof notifyShiftRequestSchema>;

export const incidentNoticeSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.string(),
  state: z.string(),
  url: z.string().describe("the incident's page"),
});
export type IncidentNotice = z.infer<typeof incidentNoticeSchema>;

export const notifyIncidentRequestSchema = z.object({
  person: z.string().min(1),
  incident: incidentNoticeSchema,
  /** One sentence: "you are the commander of …", "a status update is due". */
  text: z.string().min(1).max(1000),
  urgency: urgencySchema,
  idempotencyKey: z.string().min(1).max(300),
});
export type NotifyIncidentRequest = z.infer<typeof notifyIncidentRequestSchema>;

export const deliveryKinds = ['alert', 'shift', 'incident'] as const;
export type DeliveryKind = (typeof deliveryKinds)[number];

export const deliveryStates = ['queued', 'sent', 'retrying', 'dead', 'skipped', 'cancelled'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export const deliveryViewSchema = z.object({
  id: z.string(),
  alertId: z.string(),
  person: z.string(),
  level: z.number().int(),
  urgency: urgencySchema,
  method: z.object({ id: z.string(), type: z.enum(contactMethodTypes), address: z.string() }),
  state: z.enum(deliveryStates),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  jobId: z.string().nullable(),
  dueAt: z.string(),
  at: z.string().describe('when the state last changed'),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

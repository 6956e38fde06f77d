// The on-call API's shapes, declared once: routes, the OpenAPI document, the CLI and the portal read them.
import { z } from 'zod';

const iso = z.iso.datetime({ offset: true });
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const workingHoursSchema = z.object({
  timeZone: z.string(),
  days: z.array(weekday),
  from: z.string(),
  to: z.string(),
});
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const escalationStepSchema = z.object({
  /** Full refs: `schedule:…`, `user:…`, `group:…`. */
  notify: z.array(z.string()),
  escalateAfterMs: z.number().int(),
  strategy: z.enum(['all', 'round-robin']),
});
export type EscalationStep = z.infer<typeof escalationStepSchema>;

export const escalationPolicySchema = z.object({
  ref: z.string(),
  owner: z.string().nullable(),
  repeat: z.number().int(),
  steps: z.array(escalationStepSchema),
  acknowledgeTimeoutMs: z.number().int().nullable(),
  workingHours: workingHoursSchema.nullable(),
});
export type EscalationPolicyView = z.infer<typeof escalationPolicySchema>;

export const oncallQuerySchema = z.strictObject({
  team: z.string().min(1).max(253).optional(),
  service: z.string().min(1).max(253).optional(),
  at: z.string().max(64).optional().describe('ISO 8601 instant; default now'),
});

export const oncallEntrySchema = z.object({
  user: z.string(),
  level: z.number().int().min(1),
  schedule: z.string().nullable(),
  policy: z.string(),
  from: z.string(),
  until: z.string(),
});
export type OncallEntry = z.infer<typeof oncallEntrySchema>;

export const oncallAnswerSchema = z.object({ at: z.string(), oncall: z.array(oncallEntrySchema) });
export type OncallAnswer = z.infer<typeof oncallAnswerSchema>;

export const shiftSchema = z.object({
  user: z.string(),
  from: z.string(),
  until: z.string(),
  layer: z.string().nullable().describe('null: an override'),
});
export const intervalSchema = z.object({ from: z.string(), until: z.string() });

export const scheduleSummarySchema = z.object({
  ref: z.string(),
  name: z.string(),
  namespace: z.string(),
  owner: z.string().nullable(),
  timeZone: z.string(),
  oncallNow: shiftSchema.nullable(),
});

export const shiftsQuerySchema = z.strictObject({
  from: iso.optional().describe('default now'),
  until: iso.optional().describe('default two weeks after from'),
});

export const scheduleShiftsSchema = z.object({
  ref: z.string(),
  timeZone: z.string(),
  from: z.string(),
  until: z.string(),
  layers: z.array(z.object({ name: z.string(), shifts: z.array(shiftSchema) })),
  final: z.array(shiftSchema),
  gaps: z.array(intervalSchema),
});
export type ScheduleShifts = z.infer<typeof scheduleShiftsSchema>;

export const createOverrideSchema = z.strictObject({
  user: z.string().min(1).max(253).describe('a User ref, e.g. alice or user:default/alice'),
  from: iso,
  until: iso,
});
export const swapSchema = createOverrideSchema.extend({
  with: z.string().min(1).max(253).describe('who takes `user`’s place from `from` to `until`'),
});

export const overrideSchema = z.object({
  id: z.string(),
  schedule: z.string(),
  user: z.string(),
  from: z.string(),
  until: z.string(),
  swap: z.string().nullable(),
  createdBy: z.string(),
});
export type OverrideView = z.infer<typeof overrideSchema>;

export const gapsQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(14),
});
export const gapsAnswerSchema = z.object({
  from: z.string(),
  until: z.string(),
  schedules: z.array(z.object({ ref: z.string(), gaps: z.array(intervalSchema) })),
});

export const createFeedSchema = z.union([
  z.strictObject({ schedule: z.string().min(1).max(253) }),
  z.strictObject({ user: z.string().min(1).max(253) }),
]);
export const feedSchema = z.object({
  id: z.string(),
  schedule: z.string().nullable(),
  user: z.string().nullable(),
  createdBy: z.string(),
});
export const createdFeedSchema = feedSchema.extend({
  url: z.string().describe('shown only in this answer: the token in it is the credential'),
});

// Named for clients (the portal) that read these answers without zod.
export type Shift = z.infer<typeof shiftSchema>;
export type ScheduleSummary = z.infer<typeof scheduleSummarySchema>;
export type CreateOverride = z.infer<typeof createOverrideSchema>;
export type CalendarFeed = z.infer<typeof feedSchema>;
export type CreatedCalendarFeed = z.infer<typeof createdFeedSchema>;

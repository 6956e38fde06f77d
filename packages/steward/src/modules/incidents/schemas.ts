// The incidents API's shapes, declared once: routes validate and serialise with them, the OpenAPI
// document, the CLI and the portal read them.
import { z } from 'zod';
import { incidentStates } from './lifecycle.ts';

export const incidentRoleNames = ['commander', 'communications', 'operations', 'scribe'] as const;
const ref = z.string().min(1).max(253);
const severity = z.string().min(1).max(16).describe('a configured severity, SEV1..SEV4 by default');

export const incidentStateSchema = z.enum(incidentStates);

export const incidentRolesSchema = z
  .object({
    commander: z.string().optional(),
    communications: z.string().optional(),
    operations: z.string().optional(),
    scribe: z.string().optional(),
  })
  .describe('who holds each role, as User refs (user:default/mia); a role nobody holds is absent');

export const declareIncidentSchema = z.strictObject({
  title: z.string().trim().min(1, 'must say what is wrong, e.g. "Checkout fails for card payments"').max(200),
  severity,
  services: z
    .array(ref)
    .max(50)
    .default([])
    .describe('catalog refs or names (component:checkout, checkout); may be empty when alerts are given'),
  alerts: z.array(z.string().min(1).max(64)).max(100).optional().describe('ids of alerts to attach'),
  roles: incidentRolesSchema.optional().describe('roles to give at once, e.g. {"commander": "user:mia"}'),
});
export type DeclareIncident = z.infer<typeof declareIncidentSchema>;

export const declareFromAlertSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional().describe("default: the alert's summary"),
  severity: severity.optional().describe('default: the second most severe (SEV2)'),
});

export const incidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: incidentStateSchema,
  severity: z.string(),
  services: z.array(z.string()).describe('catalog refs, e.g. component:default/checkout'),
  teams: z.array(z.string()).describe("the services' owners, as Group refs"),
  roles: incidentRolesSchema,
  alerts: z.array(z.string()).describe('ids of the attached alerts'),
  mergedInto: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().describe('the earliest attached alert, else the declaration'),
  acknowledgedAt: z.string().nullable(),
  mitigatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  nextUpdateAt: z.string().nullable().describe('when the next status update is due; null once resolved'),
  allowedMoves: z.array(incidentStateSchema).describe('the states PATCH may move it to now'),
});
export type IncidentView = z.infer<typeof incidentSchema>;

export const incidentChangeSchema = z
  .strictObject({
    state: incidentStateSchema.optional(),
    mergedInto: z.string().min(1).max(64).optional().describe('with state merged: the incident it joins'),
    severity: severity.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    roles: z
      .strictObject({
        commander: ref.nullable().optional(),
        communications: ref.nullable().optional(),
        operations: ref.nullable().optional(),
        scribe: ref.nullable().optional(),
      })
      .optional()
      .describe('User refs; null takes the role away'),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'say what to change: state, severity, title or roles',
  });
export type IncidentChangeRequest = z.infer<typeof incidentChangeSchema>;

export const incidentListQuerySchema = z.strictObject({
  state: incidentStateSchema.optional(),
  open: z.enum(['true', 'false']).optional().describe('true: only triage, active and mitigated'),
  severity: severity.optional(),
  team: ref.optional().describe('a group ref or name'),
  service: ref.optional().describe('an entity ref or name'),
  cursor: z.string().regex(/^\d+$/, 'must be the `next` of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>;

export const incidentListSchema = z.object({
  items: z.array(incidentSchema),
  next: z.string().nullable().describe('pass as `cursor` for the next page; null on the last'),
});

export const incidentTimelineItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  type: z
    .string()
    .describe(
      'declared, state, severity, title, role, page, acknowledged, alert, status-update, reminder, note, postmortem, follow-up',
    ),
  actor: z.string().describe('a handle, or steward for what Steward did itself'),
  text: z.string(),
  editedAt: z.string().nullable(),
});
export const incidentTimelineSchema = z.object({
  items: z.array(incidentTimelineItemSchema).describe('oldest first'),
});
export type TimelineItem = z.infer<typeof incidentTimelineItemSchema>;

export const incidentNoteSchema = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(10_000),
  at: z.iso.datetime({ offset: true }).optional().describe('when it happened, if not now (ISO 8601)'),
});

export const statusUpdateInputSchema = z.strictObject({
  summary: z
    .string()
    .trim()
    .min(1, 'must say how things stand, for the people affected')
    .max(5000)
    .describe('audience-facing: what customers and the company may read'),
  internal: z.string().trim().min(1).max(10_000).optional().describe('a note for responders only (timeline)'),
});
export const statusUpdateSchema = z.object({
  id: z.string(),
  at: z.string(),
  author: z.string(),
  state: z.string(),
  summary: z.string(),
});
export const statusUpdateListSchema = z.object({
  items: z.array(statusUpdateSchema).describe('oldest first: the audience-facing story'),
  nextUpdateAt: z.string().nullable(),
});
export type StatusUpdateList = z.infer<typeof statusUpdateListSchema>;

export const postmortemSchema = z.object({
  incidentId: z.string(),
  markdown: z.string(),
  version: z.number().int().describe('send it back with PUT; a stale version answers 409'),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type Postmortem = z.infer<typeof postmortemSchema>;
export const postmortemEditSchema = z.strictObject({
  markdown: z.string().min(1).max(500_000),
  version: z.number().int().min(1).describe('the version you edited'),
});

const date = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });
export const followUpInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  owner: ref.describe('a User or Group ref (user:mia, group:payments)'),
  due: date,
});
export const followUpChangeSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300).optional(),
    owner: ref.optional(),
    due: date.optional(),
    done: z.boolean().optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'say what to change: title, owner, due or done',
  });
export const followUpSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentTitle: z.string(),
  title: z.string(),
  owner: z.string(),
  due: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  overdue: z.boolean().describe('not done and its due date has passed'),
});
export type FollowUp = z.infer<typeof followUpSchema>;
export const followUpListSchema = z.object({ items: z.array(followUpSchema) });
export const followUpQuerySchema = z.strictObject({
  team: ref.describe("a group ref or name: its incidents' follow-ups and those it owns"),
  overdue: z.enum(['true', 'false']).default('true'),
});

const durations = z
  .object({ count: z.number().int(), p50Ms: z.number().nullable(), p90Ms: z.number().nullable() })
  .describe('from the start of the incident; p50 is the median');
export const incidentMetricsQuerySchema = z
  .strictObject({
    team: ref.optional(),
    service: ref.optional(),
    from: z.iso.datetime({ offset: true }).or(date).optional().describe('default: 30 days before `to`'),
    to: z.iso.datetime({ offset: true }).or(date).optional().describe('default: now'),
  })
  .refine((q) => (q.team === undefined) !== (q.service === undefined), {
    message: 'give exactly one of team or service',
    path: ['team'],
  });
export const incidentMetricsSchema = z.object({
  team: z.string().nullable(),
  service: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  incidents: z.number().int(),
  bySeverity: z.record(z.string(), z.number().int()),
  timeToAcknowledge: durations,
  timeToMitigate: durations,
  timeToResolve: durations,
  onCall: z.object({
    teams: z.array(z.string()),
    pages: z.number().int(),
    weeks: z.number(),
    pagesPerPersonPerWeek: z.array(
      z.object({ person: z.string(), pages: z.number().int(), perWeek: z.number() }),
    ),
    outsideHours: z.object({ count: z.number().int(), share: z.number() }),
  }),
});
export type IncidentMetrics = z.infer<typeof incidentMetricsSchema>;

export const severityListSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      updateEveryMinutes: z.number(),
      pageCommander: z.boolean(),
    }),
  ),
});
export type SeverityList = z.infer<typeof severityListSchema>;

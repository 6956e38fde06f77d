// The audit log's API shapes, declared once for the server, the CLI and the portal.
import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.string().describe('handle of the user, or system:<what>'),
  action: z.string().describe('e.g. team.create, token.revoke'),
  subjectType: z.string(),
  subjectId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().optional().describe('id of the oldest entry already seen, to page backwards'),
  actor: z.string().optional().describe('only changes made by this handle (or system:<what>)'),
  action: z.string().optional().describe('only this action, e.g. team.update'),
  subjectType: z.string().optional().describe('only changes to this kind of thing, e.g. team, user, token'),
  subjectId: z.string().optional().describe('only changes to this thing, e.g. a team name or a handle'),
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('only entries at or after this time (ISO 8601, e.g. 2026-01-31T09:00:00Z)'),
  until: z.iso.datetime({ offset: true }).optional().describe('only entries before this time (ISO 8601)'),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
/** The filters of `GET /api/v1/audit`, as a client sends them. */
export type AuditListQuery = z.input<typeof auditQuerySchema>;

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
  actor: z.string().optional(),
  subjectType: z.string().optional(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;

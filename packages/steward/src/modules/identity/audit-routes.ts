// The audit log over HTTP. Anyone signed in may read it, viewers included: it records who changed
// ownership and access, and holds no secrets, so openness is the point. Sign-ins are the exception:
// their client addresses and failed attempts are for admins, and each person sees their own.

import { listAuditEntries } from '../../platform/audit/audit-log.ts';
import { auditEntrySchema, auditQuerySchema } from '../../platform/audit/schemas.ts';
import { listOf } from '../../platform/list-schema.ts';
import type { TypedApp } from '../../server/app.ts';
import { callerOf } from './caller.ts';
import type { Db } from './store.ts';

export function auditRoutes(db: Db) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/audit',
      {
        config: { access: 'read' },
        schema: {
          tags: ['audit'],
          summary: 'Changes, newest first: who, what, and the state before and after',
          querystring: auditQuerySchema,
          response: { 200: listOf(auditEntrySchema) },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const signInsOnlyOf = caller.role === 'admin' ? undefined : caller.handle;
        const entries = await listAuditEntries(db, { ...request.query, signInsOnlyOf });
        return { items: entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
      },
    );
  };
}

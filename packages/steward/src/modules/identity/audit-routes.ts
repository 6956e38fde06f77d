// The audit log over HTTP. Admins read all of it; everyone else what they did and what was done to
// them (their sign-ins with client addresses, their tokens, their roles), and nothing of others'.

import { listAuditEntries } from '../../platform/audit/audit-log.ts';
import { auditEntrySchema, auditQuerySchema } from '../../platform/audit/schemas.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { Db } from './store.ts';

export function auditRoutes(db: Db) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/audit',
      {
        config: { access: 'read' },
        schema: {
          tags: ['audit'],
          summary:
            'Changes, newest first: who, what, and the state before and after (all for admins, else your own)',
          querystring: auditQuerySchema,
          response: { 200: listOf(auditEntrySchema) },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const onlyOf = caller.role === 'admin' ? undefined : caller.handle;
        const entries = await listAuditEntries(db, { ...request.query, onlyOf });
        return { items: entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
      },
    );
  };
}

// Who is on call, for a service or a team at an instant (the contract's GET /api/v1/oncall), and the
// gaps every schedule will have in the coming days.
import { invalid } from '../../platform/errors.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { OncallContext } from './context.ts';
import { upcomingGaps } from './schedule-reads.ts';
import { gapsAnswerSchema, gapsQuerySchema, oncallAnswerSchema, oncallQuerySchema } from './schemas.ts';

const tags = ['oncall'];

export function oncallRoutes(ctx: OncallContext) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/oncall',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Who is on call for a service or a team at an instant (default now), by escalation step',
          querystring: oncallQuerySchema,
          response: { 200: oncallAnswerSchema },
        },
      },
      async (request) => {
        const { team, service, at } = request.query;
        return ctx.service.oncall({
          team,
          service,
          at: at === undefined ? ctx.now() : instant(at, 'querystring.at'),
        });
      },
    );

    app.get(
      '/api/v1/oncall/gaps',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: "Every schedule's gaps (nobody on call) in the coming days, before they happen",
          querystring: gapsQuerySchema,
          response: { 200: gapsAnswerSchema },
        },
      },
      async (request) => upcomingGaps(ctx, ctx.now(), request.query.days),
    );
  };
}

/** An ISO 8601 instant with a zone (Z or an offset); anything else is a 400 naming the field. */
export function instant(text: string, field: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
  const at = new Date(text);
  if (!iso.test(text) || Number.isNaN(at.getTime())) {
    throw invalid(`${field} must be an ISO 8601 instant with a zone`, [
      { field, message: `${JSON.stringify(text)} is not an instant; write e.g. 2026-03-29T01:30:00Z` },
    ]);
  }
  return at;
}

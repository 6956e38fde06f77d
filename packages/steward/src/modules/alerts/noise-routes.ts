// `GET /api/v1/noise?team=&days=`: the noise report over a team's alerts of the last days and the
// notifications they sent, judged against the working hours of the team's policy.
import { invalid } from '../../platform/errors.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import { parseEntityRef, stringifyEntityRef } from '../catalog/index.ts';
import type { OncallService } from '../oncall/index.ts';
import type { Db } from './alert-store.ts';
import type { WorkingHours } from './escalation/index.ts';
import { type NoiseAlert, type NoiseNotification, noiseReport } from './noise/index.ts';
import { type NoiseAnswer, noiseAnswerSchema, noiseQuerySchema } from './noise-schemas.ts';
import type { AlertDetail } from './schemas.ts';

export interface NoiseContext {
  db: Db;
  oncall: Pick<OncallService, 'policyFor'>;
  deliveries(alertId: string): Promise<AlertDetail['deliveries']>;
}

/** When the team's policy names none: office hours, in UTC since nothing says where the team is. */
export const defaultWorkingHours: WorkingHours = {
  timeZone: 'UTC',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
};

export async function teamNoise(ctx: NoiseContext, query: { team: string; days: number }, now = new Date()) {
  const parsed = parseEntityRef(query.team, { defaultKind: 'group', defaultNamespace: 'default' });
  if (!parsed.ok)
    throw invalid(`query.team: ${parsed.message}`, [{ field: 'querystring.team', message: parsed.message }]);
  const team = stringifyEntityRef(parsed.ref);
  const from = new Date(now.getTime() - query.days * 24 * 3600 * 1000);
  const rows = await ctx.db
    .selectFrom('alerts')
    .selectAll()
    .where('team', '=', team)
    .where('created_at', '>=', from)
    .orderBy('created_at')
    .execute();
  const hours =
    (await ctx.oncall.policyFor({ service: null, team })).policy?.workingHours ?? defaultWorkingHours;
  const alerts: NoiseAlert[] = [];
  for (const row of rows) {
    alerts.push({
      id: row.id,
      name: row.labels.alertname ?? row.summary,
      service: row.service ?? '(no service)',
      createdAt: new Date(row.created_at),
      acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
      resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
      acknowledgedBy: row.acknowledged_by,
      // The source resolving it is what the report calls resolving by itself.
      resolvedBy: row.resolved_by?.startsWith('integration:') ? 'system' : row.resolved_by,
      notifications: pagesOf(await ctx.deliveries(row.id), row.urgency),
    });
  }
  const answer: NoiseAnswer = {
    team,
    from: from.toISOString(),
    until: now.toISOString(),
    workingHours: { ...hours, days: [...hours.days] },
    ...noiseReport(alerts, hours),
  };
  return answer;
}

/** One notification per person and level (a person with two contact methods was woken once). */
function pagesOf(deliveries: AlertDetail['deliveries'], urgency: 'high' | 'low'): NoiseNotification[] {
  const first = new Map<string, NoiseNotification>();
  for (const d of deliveries) {
    if (d.state !== 'sent') continue;
    const key = `${d.person}\n${d.level}`;
    const at = new Date(d.at);
    const seen = first.get(key);
    if (!seen || at < seen.at) first.set(key, { at, person: d.person, urgency });
  }
  return [...first.values()];
}

export function noiseRoutes(ctx: NoiseContext) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/noise',
      {
        config: { access: 'read' },
        schema: {
          tags: ['alerts'],
          summary: "A team's noisy alerts: which fire often, resolve by themselves, flap or page at night",
          querystring: noiseQuerySchema,
          response: { 200: noiseAnswerSchema },
        },
      },
      async (request) => teamNoise(ctx, request.query),
    );
  };
}

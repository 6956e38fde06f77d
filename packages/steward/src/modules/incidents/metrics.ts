// GET /api/v1/incidents/metrics: response metrics of a team's or a service's incidents declared in a
// period, and the on-call load of the teams concerned, from the alerts module's noise report (pages
// per person, share outside the policy's working hours).
import { invalid } from '../../platform/errors.ts';
import type { IncidentContext } from './context.ts';
import { responseMetrics } from './metrics-compute.ts';
import { refOf, resolveServices } from './refs.ts';
import type { IncidentMetrics } from './schemas.ts';
import { incidentsBetween } from './store.ts';

const day = 24 * 3600 * 1000;
const week = 7 * day;

function instant(text: string | undefined, fallback: Date, field: string): Date {
  if (!text) return fallback;
  const at = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at.getTime())) throw invalid(`${field}: not a date`, [{ field, message: 'not a date' }]);
  return at;
}

export async function incidentMetrics(
  ctx: IncidentContext,
  query: {
    team?: string | undefined;
    service?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
  now = new Date(),
): Promise<IncidentMetrics> {
  const to = instant(query.to, now, 'querystring.to');
  const from = instant(query.from, new Date(to.getTime() - 30 * day), 'querystring.from');
  if (from >= to) {
    const message = `must be before to (${to.toISOString()})`;
    throw invalid(`querystring.from: ${message}`, [{ field: 'querystring.from', message }]);
  }
  const team = query.team ? refOf(query.team, 'group', 'querystring.team') : null;
  const service = query.service
    ? await resolveServices(ctx.catalog, [query.service], 'querystring.service')
    : null;
  const rows = await incidentsBetween(
    ctx.db,
    team ? { team } : { service: service?.services[0] as string },
    from,
    to,
  );
  const metrics = responseMetrics(
    rows.map((r) => ({
      severity: r.severity,
      startedAt: new Date(r.started_at),
      acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
      mitigatedAt: r.mitigated_at ? new Date(r.mitigated_at) : null,
      resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
    })),
    ctx.severities.names,
  );
  const teams = team ? [team] : (service?.teams ?? []);
  return {
    team,
    service: service?.services[0] ?? null,
    from: from.toISOString(),
    to: to.toISOString(),
    ...metrics,
    onCall: await onCallLoad(ctx, teams, from, to),
  };
}

async function onCallLoad(ctx: IncidentContext, teams: string[], from: Date, until: Date) {
  const weeks = (until.getTime() - from.getTime()) / week;
  const people = new Map<string, number>();
  let pages = 0;
  let outside = 0;
  for (const team of teams) {
    const noise = await ctx.alerts.noise(team, { from, until });
    pages += noise.pagesOutsideHours.pages;
    outside += noise.pagesOutsideHours.count;
    for (const p of noise.pagesOutsideHours.byPerson)
      people.set(p.person, (people.get(p.person) ?? 0) + p.pages);
  }
  return {
    teams,
    pages,
    weeks: Math.round(weeks * 100) / 100,
    pagesPerPersonPerWeek: [...people]
      .map(([person, count]) => ({ person, pages: count, perWeek: Math.round((count / weeks) * 100) / 100 }))
      .sort((a, b) => b.pages - a.pages || a.person.localeCompare(b.person)),
    outsideHours: { count: outside, share: pages === 0 ? 0 : Math.round((outside / pages) * 1000) / 1000 },
  };
}

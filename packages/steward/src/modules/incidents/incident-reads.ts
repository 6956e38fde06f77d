// Reading incidents: one, or a page of them filtered by state, severity, team or service.
import { notFound } from '../../platform/errors.ts';
import type { IncidentContext } from './context.ts';
import { openStates } from './lifecycle.ts';
import { refOf } from './refs.ts';
import type { IncidentListQuery, IncidentView } from './schemas.ts';
import { checkSeverity } from './severities.ts';
import { attachedAlerts, getIncidentRow, listIncidentRows } from './store.ts';
import { toIncidentView } from './views.ts';

export const noIncident = (id: string) =>
  notFound(`no incident with id ${id}; GET /api/v1/incidents lists them`);

export async function getIncident(ctx: IncidentContext, id: string): Promise<IncidentView> {
  const row = await getIncidentRow(ctx.db, id);
  if (!row) throw noIncident(id);
  const alerts = await attachedAlerts(ctx.db, [id]);
  return toIncidentView(row, alerts.get(id) ?? []);
}

export async function listIncidents(
  ctx: IncidentContext,
  query: IncidentListQuery,
): Promise<{ items: IncidentView[]; next: string | null }> {
  if (query.severity) checkSeverity(ctx, query.severity, 'querystring.severity');
  const states = query.state ? [query.state] : query.open === 'true' ? openStates : undefined;
  const page = await listIncidentRows(ctx.db, {
    limit: query.limit,
    ...(states ? { states } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.team ? { team: refOf(query.team, 'group', 'querystring.team') } : {}),
    ...(query.service ? { service: refOf(query.service, 'component', 'querystring.service') } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const alerts = await attachedAlerts(
    ctx.db,
    page.items.map((row) => row.id),
  );
  return { items: page.items.map((row) => toIncidentView(row, alerts.get(row.id) ?? [])), next: page.next };
}

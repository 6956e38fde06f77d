// Declaring an incident: by hand (title, severity, services), from alerts (they attach, and name the
// services when none are given), or from one alert id. In one transaction: the incident, its first
// timeline items, the roles' notices, the first status-update reminder and, for a severity that
// pages, the job that pages the owning team for a commander.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { invalid, notFound, StewardError } from '../../platform/errors.ts';
import type { AlertDetail } from '../alerts/index.ts';
import { type IncidentContext, published } from './context.ts';
import { recordPages } from './follow-alerts.ts';
import { getIncident } from './incident-reads.ts';
import { refOf, resolveServices } from './refs.ts';
import { scheduleReminder } from './reminders.ts';
import { assignRoles, checkRoles } from './roles.ts';
import type { DeclareIncident, IncidentView } from './schemas.ts';
import { checkSeverity } from './severities.ts';
import { insertIncident, linkAlert, updateIncident } from './store.ts';
import { addItem } from './timeline.ts';

async function loadAlerts(ctx: IncidentContext, ids: readonly string[]): Promise<AlertDetail[]> {
  const found: AlertDetail[] = [];
  for (const [i, id] of ids.entries()) {
    try {
      found.push(await ctx.alerts.getAlert(id));
    } catch (error) {
      if (!(error instanceof StewardError && error.kind === 'not_found')) throw error;
      const message = `no alert with id ${id}; GET /api/v1/alerts lists them`;
      throw invalid(`body.alerts.${i}: ${message}`, [{ field: `body.alerts.${i}`, message }]);
    }
  }
  return found;
}

export async function declareIncident(
  ctx: IncidentContext,
  input: DeclareIncident,
  by: string,
): Promise<IncidentView> {
  checkSeverity(ctx, input.severity, 'body.severity');
  // The same alert named twice attaches once.
  const alerts = [...new Map((await loadAlerts(ctx, input.alerts ?? [])).map((a) => [a.id, a])).values()];
  const named =
    input.services.length > 0 ? input.services : alerts.flatMap((a) => (a.service ? [a.service] : []));
  const { services, teams } = await resolveServices(ctx.catalog, named, 'body.services');
  const alertTeams = alerts.flatMap((a) => (a.team ? [refOf(a.team, 'group', 'alert.team')] : []));
  const allTeams = [...new Set([...teams, ...alertTeams])];
  if (services.length === 0 && allTeams.length === 0) {
    const message = 'name the affected services (e.g. ["checkout"]) or attach an alert that has an owner';
    throw invalid(`body.services: ${message}`, [{ field: 'body.services', message }]);
  }
  const roles = await checkRoles(ctx, input.roles ?? {}, 'body.roles');
  const now = new Date();
  const started = Math.min(now.getTime(), ...alerts.map((a) => Date.parse(a.createdAt)));
  const id = randomUUID();
  const severity = ctx.severities.get(input.severity);
  const nextUpdate = new Date(now.getTime() + (severity?.updateEveryMinutes ?? 60) * 60_000);
  await ctx.db.transaction().execute(async (trx) => {
    await insertIncident(trx, {
      id,
      title: input.title,
      severity: input.severity,
      state: 'triage',
      services,
      teams: allTeams,
      roles: {},
      merged_into: null,
      created_by: by,
      created_at: now,
      started_at: new Date(started),
      acknowledged_at: null,
      mitigated_at: null,
      resolved_at: null,
      closed_at: null,
      next_update_at: nextUpdate,
    });
    const where = services.length > 0 ? services.join(', ') : allTeams.join(', ');
    await addItem(trx, {
      incidentId: id,
      type: 'declared',
      actor: by,
      at: now,
      text: `${by} declared ${input.severity} "${input.title}" affecting ${where}`,
    });
    for (const alert of alerts) {
      await linkAlert(trx, { incidentId: id, alertId: alert.id, purpose: 'attached', by });
      await addItem(trx, {
        incidentId: id,
        type: 'alert',
        actor: by,
        at: now,
        text: `alert ${alert.id} attached: ${alert.summary} (${alert.status}, since ${alert.createdAt})`,
      });
    }
    const assigned = await assignRoles(ctx, trx, { id, roles: {} }, roles, by, now);
    if (Object.keys(assigned).length > 0)
      await updateIncident(trx, id, {
        roles: assigned,
        ...(assigned.commander ? { acknowledged_at: now } : {}),
      });
    await recordAudit(trx, {
      actor: by,
      action: 'incident.declare',
      subjectType: 'incident',
      subjectId: id,
      before: null,
      after: {
        title: input.title,
        severity: input.severity,
        services,
        teams: allTeams,
        alerts: input.alerts ?? [],
      },
    });
    await scheduleReminder(ctx, trx, id, nextUpdate);
    if (severity?.pageCommander && !roles.commander)
      await ctx.queue.enqueue(
        ctx.jobs.pageCommander,
        { incidentId: id },
        { trx: trx as never, key: `${id}:page:${input.severity}` },
      );
  });
  for (const alert of alerts) await recordPages(ctx, id, alert.id);
  published(ctx, id, 'declared');
  return getIncident(ctx, id);
}

/** An incident about one alert: its summary the title unless given, SEV2 (the second severity) unless given. */
export async function declareFromAlert(
  ctx: IncidentContext,
  alertId: string,
  input: { title?: string | undefined; severity?: string | undefined },
  by: string,
): Promise<IncidentView> {
  let alert: AlertDetail;
  try {
    alert = await ctx.alerts.getAlert(alertId);
  } catch (error) {
    if (error instanceof StewardError && error.kind === 'not_found')
      throw notFound(`no alert with id ${alertId}; GET /api/v1/alerts lists them`);
    throw error;
  }
  const names = ctx.severities.names;
  const severity = input.severity ?? names[Math.min(1, names.length - 1)] ?? 'SEV2';
  return declareIncident(
    ctx,
    { title: input.title ?? alert.summary, severity, services: [], alerts: [alert.id] },
    by,
  );
}

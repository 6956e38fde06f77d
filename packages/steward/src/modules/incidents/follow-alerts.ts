// What attached alerts do lands on their incidents' timelines: acknowledgements and resolves, heard
// from the alerts module's domain events, and pages as they go out, heard from the notifications
// module's (one server handles each; items are keyed, so hearing one again writes nothing). Whoever
// acknowledges a commander page becomes the commander. The pages are read from the alert's delivery
// log, each written once at the time it went out: when one is sent, and whenever the incident hears
// of the alert (attached, acknowledged, resolved, a postmortem drafted), in case an event was missed.
import type { DomainEvents } from '../../platform/events/index.ts';
import { alertAcknowledged, alertResolved } from '../alerts/index.ts';
import { deliverySent } from '../notifications/index.ts';
import { type IncidentContext, published } from './context.ts';
import { openStates } from './lifecycle.ts';
import { incidentsOfAlert, lockIncident, updateIncident } from './store.ts';
import { addItem } from './timeline.ts';

interface AlertStep {
  alertId: string;
  by: string;
}

export function followAlerts(ctx: IncidentContext, events: DomainEvents): void {
  events.onOnce(alertAcknowledged, 'incidents.timeline', (data) => heard(ctx, data, 'acknowledged'));
  events.onOnce(alertResolved, 'incidents.timeline', (data) => heard(ctx, data, 'resolved'));
  events.onOnce(deliverySent, 'incidents.timeline', (data) =>
    data.kind === 'alert' ? paged(ctx, data.about) : undefined,
  );
}

/** A page for an alert went out: it joins the timeline of each incident the alert is attached to. */
async function paged(ctx: IncidentContext, alertId: string): Promise<void> {
  for (const link of await incidentsOfAlert(ctx.db, alertId)) {
    if ((await recordPages(ctx, link.incident_id, alertId)) > 0) published(ctx, link.incident_id, 'page');
  }
}

/** One item per person and level the alert paged (a person with two contact methods was paged once). */
export async function recordPages(
  ctx: IncidentContext,
  incidentId: string,
  alertId: string,
): Promise<number> {
  const alert = await ctx.alerts.getAlert(alertId);
  let added = 0;
  for (const d of alert.deliveries) {
    if (d.state !== 'sent') continue;
    const item = await addItem(ctx.db, {
      incidentId,
      type: 'page',
      actor: 'steward',
      at: new Date(d.at),
      dedupKey: `${incidentId}:page:${alertId}:${d.person}:${d.level}`,
      text: `paged ${d.person} (level ${d.level}) for alert ${alertId}: ${alert.summary}`,
    });
    if (item) added++;
  }
  return added;
}

async function heard(
  ctx: IncidentContext,
  step: AlertStep,
  verb: 'acknowledged' | 'resolved',
): Promise<void> {
  const links = await incidentsOfAlert(ctx.db, step.alertId);
  for (const link of links) {
    await recordPages(ctx, link.incident_id, step.alertId);
    const changed = await ctx.db.transaction().execute(async (trx) => {
      const row = await lockIncident(trx, link.incident_id);
      if (!row) return false;
      const now = new Date();
      const person = step.by.startsWith('integration:') ? null : `user:default/${step.by.toLowerCase()}`;
      const what = link.purpose === 'commander-page' ? 'the commander page' : `alert ${step.alertId}`;
      const item = await addItem(trx, {
        incidentId: row.id,
        type: verb === 'acknowledged' ? 'acknowledged' : 'alert',
        actor: step.by,
        at: now,
        dedupKey: `${row.id}:alert:${step.alertId}:${verb}`,
        text: `${step.by} ${verb} ${what}`,
      });
      if (!item || verb !== 'acknowledged') return item !== null;
      const takesCommand =
        link.purpose === 'commander-page' && person && !row.roles.commander && openStates.includes(row.state);
      if (takesCommand) {
        await addItem(trx, {
          incidentId: row.id,
          type: 'role',
          actor: step.by,
          at: now,
          text: `${person} took command by acknowledging the page`,
        });
      }
      if (takesCommand || !row.acknowledged_at)
        await updateIncident(trx, row.id, {
          ...(row.acknowledged_at ? {} : { acknowledged_at: now }),
          ...(takesCommand && person ? { roles: { commander: person } } : {}),
        });
      return true;
    });
    if (changed) published(ctx, link.incident_id, `alert ${verb}`);
  }
}

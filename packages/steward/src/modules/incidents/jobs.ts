// The incidents module's jobs, each idempotent (platform/jobs/definition.ts): a notice to a person
// (the notifications module's key makes it once), the page for a commander (the alert's key makes it
// once; the timeline item is keyed), and the status-update reminder (reminders.ts).
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.ts';
import { type IncidentContext, type IncidentJobs, incidentUrl, published } from './context.ts';
import { openStates } from './lifecycle.ts';
import { remindIfDue } from './reminders.ts';
import { getIncidentRow, linkAlert } from './store.ts';
import { addItem } from './timeline.ts';

export function incidentJobs(ctx: IncidentContext): IncidentJobs {
  return {
    notice: defineJob({
      name: 'incidents.notice',
      payload: z.object({
        incidentId: z.string(),
        person: z.string(),
        text: z.string(),
        urgency: z.enum(['high', 'low']),
        key: z.string(),
      }),
      handler: async (payload) => {
        const row = await getIncidentRow(ctx.db, payload.incidentId);
        if (!row) return 'no such incident';
        return ctx.notifications.notifyIncident({
          person: payload.person,
          incident: {
            id: row.id,
            title: row.title,
            severity: row.severity,
            state: row.state,
            url: incidentUrl(ctx, row.id),
          },
          text: payload.text,
          urgency: payload.urgency,
          idempotencyKey: payload.key,
        });
      },
    }),
    pageCommander: defineJob({
      name: 'incidents.page-commander',
      payload: z.object({ incidentId: z.string() }),
      handler: async ({ incidentId }) => pageForCommander(ctx, incidentId),
    }),
    updateDue: defineJob({
      name: 'incidents.update-due',
      payload: z.object({ incidentId: z.string(), dueAt: z.string() }),
      handler: async (payload) => remindIfDue(ctx, payload),
    }),
  };
}

/** Raises an alert for the first owning team; whoever acknowledges it becomes commander (follow-alerts.ts). */
async function pageForCommander(ctx: IncidentContext, incidentId: string): Promise<string> {
  const row = await getIncidentRow(ctx.db, incidentId);
  if (!row) return 'no such incident';
  if (row.roles.commander || !openStates.includes(row.state))
    return 'no page: it has a commander, or is over';
  const team = row.teams[0];
  if (!team) {
    await addItem(ctx.db, {
      incidentId,
      type: 'page',
      actor: 'steward',
      dedupKey: `${incidentId}:page:no-team`,
      text: 'no commander, and no owning team whose escalation policy could page one: assign a commander',
    });
    return 'no team to page';
  }
  const raised = await ctx.alerts.raise({
    key: `incident:${incidentId}:commander`,
    summary: `${row.severity} incident needs a commander: ${row.title}`,
    team,
    service: row.services[0] ?? null,
    labels: { alertname: 'IncidentNeedsCommander', incident: incidentId, severity: row.severity },
    by: 'steward',
  });
  const added = await ctx.db.transaction().execute(async (trx) => {
    await linkAlert(trx, { incidentId, alertId: raised.id, purpose: 'commander-page', by: 'steward' });
    return addItem(trx, {
      incidentId,
      type: 'page',
      actor: 'steward',
      dedupKey: `${incidentId}:page:${raised.id}`,
      text: `paged ${team} through its escalation policy for a commander (alert ${raised.id}); whoever acknowledges it takes command`,
    });
  });
  if (added) published(ctx, incidentId, 'page');
  return `paged ${team}: alert ${raised.id}`;
}

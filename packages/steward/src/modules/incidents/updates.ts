// Status updates (the audience-facing story, kept apart from responders' notes), notes people add,
// edit and remove (their own), and alerts attached after the declaration.
import { randomUUID } from 'node:crypto';
import { forbidden, invalid, notFound, StewardError } from '../../platform/errors.ts';
import { type IncidentContext, published } from './context.ts';
import { recordPages } from './follow-alerts.ts';
import { noIncident } from './incident-reads.ts';
import { openStates } from './lifecycle.ts';
import { scheduleReminder } from './reminders.ts';
import type { TimelineItem } from './schemas.ts';
import { getIncidentRow, linkAlert, lockIncident, updateIncident } from './store.ts';
import { addItem, toItem } from './timeline.ts';

const iso = (d: Date) => new Date(d).toISOString();

export async function postStatusUpdate(
  ctx: IncidentContext,
  id: string,
  input: { summary: string; internal?: string | undefined },
  by: string,
) {
  const now = new Date();
  const update = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockIncident(trx, id);
    if (!row) throw noIncident(id);
    const written = await trx
      .insertInto('incident_status_updates')
      .values({
        id: randomUUID(),
        incident_id: id,
        at: now,
        author: by,
        state: row.state,
        summary: input.summary,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await addItem(trx, { incidentId: id, type: 'status-update', actor: by, at: now, text: input.summary });
    if (input.internal)
      await addItem(trx, { incidentId: id, type: 'note', actor: by, at: now, text: input.internal });
    if (openStates.includes(row.state)) {
      const every = ctx.severities.get(row.severity)?.updateEveryMinutes ?? 60;
      const due = new Date(now.getTime() + every * 60_000);
      await updateIncident(trx, id, { next_update_at: due });
      await scheduleReminder(ctx, trx, id, due);
    }
    return written;
  });
  published(ctx, id, 'status-update');
  return {
    id: update.id,
    at: iso(update.at),
    author: update.author,
    state: update.state,
    summary: update.summary,
  };
}

export async function listStatusUpdates(ctx: IncidentContext, id: string) {
  const row = await getIncidentRow(ctx.db, id);
  if (!row) throw noIncident(id);
  const rows = await ctx.db
    .selectFrom('incident_status_updates')
    .selectAll()
    .where('incident_id', '=', id)
    .orderBy('at')
    .execute();
  return {
    items: rows.map((u) => ({
      id: u.id,
      at: iso(u.at),
      author: u.author,
      state: u.state,
      summary: u.summary,
    })),
    nextUpdateAt: row.next_update_at ? iso(row.next_update_at) : null,
  };
}

export async function addNote(
  ctx: IncidentContext,
  id: string,
  input: { text: string; at?: string | undefined },
  by: string,
): Promise<TimelineItem> {
  if (!(await getIncidentRow(ctx.db, id))) throw noIncident(id);
  const at = input.at ? new Date(input.at) : new Date();
  const item = await addItem(ctx.db, { incidentId: id, type: 'note', actor: by, at, text: input.text });
  published(ctx, id, 'note');
  return item as TimelineItem;
}

/** Only notes can be edited or removed, and only by who wrote them: the automatic items are the record. */
async function ownNote(ctx: IncidentContext, id: string, itemId: string, by: string) {
  const row = await ctx.db
    .selectFrom('incident_timeline')
    .selectAll()
    .where('incident_id', '=', id)
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!row)
    throw notFound(
      `incident ${id} has no timeline item ${itemId}; GET /api/v1/incidents/${id}/timeline lists them`,
    );
  if (row.type !== 'note')
    throw forbidden(`item ${itemId} is a ${row.type} Steward recorded; only notes can be changed`);
  if (row.actor !== by) throw forbidden(`only ${row.actor}, who wrote this note, may change it`);
  return row;
}

export async function editNote(ctx: IncidentContext, id: string, itemId: string, text: string, by: string) {
  await ownNote(ctx, id, itemId, by);
  const row = await ctx.db
    .updateTable('incident_timeline')
    .set({ text, edited_at: new Date() })
    .where('id', '=', itemId)
    .returningAll()
    .executeTakeFirstOrThrow();
  published(ctx, id, 'note');
  return toItem(row);
}

export async function removeNote(
  ctx: IncidentContext,
  id: string,
  itemId: string,
  by: string,
): Promise<void> {
  await ownNote(ctx, id, itemId, by);
  await ctx.db.deleteFrom('incident_timeline').where('id', '=', itemId).execute();
  published(ctx, id, 'note');
}

export async function attachAlert(ctx: IncidentContext, id: string, alertId: string, by: string) {
  let alert: Awaited<ReturnType<IncidentContext['alerts']['getAlert']>>;
  try {
    alert = await ctx.alerts.getAlert(alertId);
  } catch (error) {
    if (!(error instanceof StewardError && error.kind === 'not_found')) throw error;
    const message = `no alert with id ${alertId}; GET /api/v1/alerts lists them`;
    throw invalid(`body.alert: ${message}`, [{ field: 'body.alert', message }]);
  }
  const added = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockIncident(trx, id);
    if (!row) throw noIncident(id);
    if (!(await linkAlert(trx, { incidentId: id, alertId, purpose: 'attached', by }))) return false;
    await addItem(trx, {
      incidentId: id,
      type: 'alert',
      actor: by,
      text: `alert ${alertId} attached: ${alert.summary} (${alert.status}, since ${alert.createdAt})`,
    });
    const created = new Date(alert.createdAt);
    if (created < new Date(row.started_at)) await updateIncident(trx, id, { started_at: created });
    return true;
  });
  await recordPages(ctx, id, alertId);
  if (added) published(ctx, id, 'alert');
}

// PATCH: state, severity, title and roles, field by field under the incident's row lock, so two people
// changing different fields at once both land. A move the lifecycle does not allow is a 409 naming
// the moves that are.
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { type IncidentContext, published } from './context.ts';
import { getIncident, noIncident } from './incident-reads.ts';
import { allowedMoves, canMove, type IncidentState, milestoneOf, openStates } from './lifecycle.ts';
import { scheduleReminder } from './reminders.ts';
import { assignRoles, checkRoles } from './roles.ts';
import type { IncidentChangeRequest, IncidentView } from './schemas.ts';
import { checkSeverity } from './severities.ts';
import {
  attachedAlertsFor,
  type Db,
  type IncidentChange,
  type IncidentRow,
  lockIncident,
  updateIncident,
} from './store.ts';
import { addItem } from './timeline.ts';

export async function changeIncident(
  ctx: IncidentContext,
  id: string,
  change: IncidentChangeRequest,
  by: string,
): Promise<IncidentView> {
  if (change.severity) checkSeverity(ctx, change.severity, 'body.severity');
  if (change.mergedInto !== undefined && change.state !== 'merged') {
    const message = 'only with "state": "merged"';
    throw invalid(`body.mergedInto: ${message}`, [{ field: 'body.mergedInto', message }]);
  }
  const roles = await checkRoles(ctx, change.roles ?? {}, 'body.roles');
  const commanderPages = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockIncident(trx, id);
    if (!row) throw noIncident(id);
    // Timed once the lock is held: of two changes at once, the one that waited is the later on the
    // timeline, as it is in the record (it changed what the other left).
    const now = new Date();
    const update: IncidentChange = {};
    if (change.state && change.state !== row.state) await moveState(ctx, trx, row, change, update, by, now);
    // The severity's cadence and page concern the incident as this change leaves it.
    const open = openStates.includes(update.state ?? row.state);
    if (change.severity && change.severity !== row.severity) {
      update.severity = change.severity;
      await addItem(trx, {
        incidentId: id,
        type: 'severity',
        actor: by,
        at: now,
        text: `${by} changed the severity from ${row.severity} to ${change.severity}`,
      });
      const severity = ctx.severities.get(change.severity);
      const due = new Date(now.getTime() + (severity?.updateEveryMinutes ?? 60) * 60_000);
      const pending = update.next_update_at === undefined ? row.next_update_at : update.next_update_at;
      if (open && (!pending || due < new Date(pending))) {
        update.next_update_at = due;
        await scheduleReminder(ctx, trx, id, due);
      }
      const commander = roles.commander !== undefined ? roles.commander : (row.roles.commander ?? null);
      if (severity?.pageCommander && !commander && open)
        await ctx.queue.enqueue(
          ctx.jobs.pageCommander,
          { incidentId: id },
          { trx: trx as never, key: `${id}:page:${change.severity}` },
        );
    }
    if (change.title && change.title !== row.title) {
      update.title = change.title;
      await addItem(trx, {
        incidentId: id,
        type: 'title',
        actor: by,
        at: now,
        text: `${by} renamed it "${change.title}" (was "${row.title}")`,
      });
    }
    const changedRoles = await assignRoles(ctx, trx, row, roles, by, now);
    if (Object.keys(changedRoles).length > 0) update.roles = changedRoles;
    if (changedRoles.commander && !row.acknowledged_at) update.acknowledged_at = now;
    if (Object.keys(update).length > 0) {
      await updateIncident(trx, id, update);
      const before = Object.fromEntries(
        Object.keys(update).map((key) => [key, key === 'roles' ? row.roles : row[key as keyof IncidentRow]]),
      );
      await recordAudit(trx, {
        actor: by,
        action: 'incident.change',
        subjectType: 'incident',
        subjectId: id,
        before,
        after: update,
      });
    }
    // A commander given by hand answers the page that was looking for one.
    return changedRoles.commander ? attachedAlertsFor(trx, id, 'commander-page') : [];
  });
  for (const alertId of commanderPages)
    await ctx.alerts.resolve(alertId, by, 'a commander was assigned to the incident').catch(() => undefined);
  published(ctx, id, 'changed');
  return getIncident(ctx, id);
}

async function moveState(
  ctx: IncidentContext,
  trx: Db,
  row: IncidentRow,
  change: IncidentChangeRequest,
  update: IncidentChange,
  by: string,
  now: Date,
): Promise<void> {
  const to = change.state as IncidentState;
  if (!canMove(row.state, to)) {
    const allowed = [...allowedMoves(row.state)];
    const rest = allowed.length > 0 ? `it can move to ${allowed.join(', ')}` : `${row.state} is final`;
    throw conflict(`incident ${row.id} is ${row.state} and cannot move to ${to}; ${rest}`, {
      state: row.state,
      allowed,
    });
  }
  let text = `${by} moved it from ${row.state} to ${to}`;
  if (to === 'merged') {
    const into = change.mergedInto;
    if (!into || into === row.id) {
      const message = into
        ? 'an incident cannot be merged into itself'
        : 'name the incident it is merged into';
      throw invalid(`body.mergedInto: ${message}`, [{ field: 'body.mergedInto', message }]);
    }
    const target = await trx
      .selectFrom('incidents')
      .select(['id', 'state'])
      .where('id', '=', into)
      .executeTakeFirst();
    if (!target || target.state === 'merged' || target.state === 'declined') {
      const message = target
        ? `incident ${into} is ${target.state}; merge into a live one`
        : `no incident with id ${into}`;
      throw invalid(`body.mergedInto: ${message}`, [{ field: 'body.mergedInto', message }]);
    }
    update.merged_into = into;
    text = `${by} merged it into incident ${into}`;
    await addItem(trx, {
      incidentId: into,
      type: 'state',
      actor: by,
      at: now,
      text: `${by} merged incident ${row.id} ("${row.title}") into this one`,
    });
  }
  update.state = to;
  const milestone = milestoneOf(to);
  if (milestone && !row[milestone]) update[milestone] = now;
  if ((to === 'active' || to === 'mitigated' || to === 'resolved') && !row.acknowledged_at)
    update.acknowledged_at = now;
  if (!openStates.includes(to)) update.next_update_at = null;
  else if (!row.next_update_at) {
    const due = new Date(
      now.getTime() + (ctx.severities.get(row.severity)?.updateEveryMinutes ?? 60) * 60_000,
    );
    update.next_update_at = due;
    await scheduleReminder(ctx, trx, row.id, due);
  }
  await addItem(trx, { incidentId: row.id, type: 'state', actor: by, at: now, text });
}

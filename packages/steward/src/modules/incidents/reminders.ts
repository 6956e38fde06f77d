// Status-update reminders: each due time has one job (keyed by incident and due time, so two servers
// or a retried enqueue make one). When it fires it reminds only if that due time still stands (no
// update came meanwhile, the incident is still open), once: the timeline item and the notice are keyed.
import type { IncidentContext, UpdateDuePayload } from './context.ts';
import { openStates } from './lifecycle.ts';
import { type Db, getIncidentRow } from './store.ts';
import { addItem } from './timeline.ts';

export async function scheduleReminder(
  ctx: IncidentContext,
  trx: Db,
  incidentId: string,
  dueAt: Date,
): Promise<void> {
  const key = `${incidentId}:update-due:${dueAt.toISOString()}`;
  await ctx.queue.enqueue(
    ctx.jobs.updateDue,
    { incidentId, dueAt: dueAt.toISOString() },
    { trx: trx as never, key, delayMs: Math.max(0, dueAt.getTime() - Date.now()) },
  );
}

export async function remindIfDue(ctx: IncidentContext, payload: UpdateDuePayload): Promise<string> {
  const row = await getIncidentRow(ctx.db, payload.incidentId);
  if (!row) return 'no such incident';
  if (!openStates.includes(row.state)) return `not reminded: the incident is ${row.state}`;
  if (!row.next_update_at || new Date(row.next_update_at).toISOString() !== payload.dueAt)
    return 'not reminded: an update came, or the due time moved';
  const key = `${row.id}:reminder:${payload.dueAt}`;
  const who = row.roles.communications ?? row.roles.commander ?? null;
  const item = await addItem(ctx.db, {
    incidentId: row.id,
    type: 'reminder',
    actor: 'steward',
    dedupKey: key,
    text: `a ${row.severity} status update was due at ${payload.dueAt}${who ? `; ${who} was reminded` : '; nobody holds communications or commander to remind'}`,
  });
  if (who)
    await ctx.queue.enqueue(
      ctx.jobs.notice,
      {
        incidentId: row.id,
        person: who,
        text: `a status update was due at ${payload.dueAt}: post one (steward incident status ${row.id} "…")`,
        urgency: 'high',
        key,
      },
      { key },
    );
  if (item)
    ctx
      .publish(`incident:${row.id}`, 'incident.changed', { id: row.id, what: 'reminder' })
      .catch(() => undefined);
  return item ? `reminded ${who ?? 'nobody'}` : 'already reminded';
}

// The postmortem: drafted from the timeline once the incident is resolved, stored, edited with a
// version (an edit of a stale version is a 409 carrying the current one, so nobody's edit is lost
// silently), exported as Markdown.
import { conflict, notFound } from '../../platform/errors.ts';
import { type IncidentContext, published } from './context.ts';
import { recordPages } from './follow-alerts.ts';
import { followUpsOf } from './follow-ups.ts';
import { getIncident } from './incident-reads.ts';
import { isResolved } from './lifecycle.ts';
import { draftPostmortem } from './postmortem-draft.ts';
import type { IncidentPostmortemsTable } from './tables.ts';
import { addItem, timelineOf } from './timeline.ts';
import { listStatusUpdates } from './updates.ts';

function toView(row: IncidentPostmortemsTable) {
  return {
    incidentId: row.incident_id,
    markdown: row.markdown,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Drafts it the first time; later calls answer what is stored (edits are kept). */
export async function draftOrGet(ctx: IncidentContext, id: string, by: string) {
  const incident = await getIncident(ctx, id);
  if (!isResolved(incident.state)) {
    throw conflict(
      `incident ${id} is ${incident.state}: a postmortem is written once it is resolved, so the timeline is complete; move it to resolved first (PATCH {"state": "resolved"})`,
      { state: incident.state },
    );
  }
  const alerts = await ctx.db
    .selectFrom('incident_alerts')
    .select('alert_id')
    .where('incident_id', '=', id)
    .execute();
  for (const { alert_id } of alerts) await recordPages(ctx, id, alert_id);
  const markdown = draftPostmortem({
    incident,
    timeline: await timelineOf(ctx.db, id),
    statusUpdates: (await listStatusUpdates(ctx, id)).items,
    followUps: await followUpsOf(ctx, id),
  });
  const created = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('incident_postmortems')
      .values({ incident_id: id, markdown, version: 1, updated_by: by, updated_at: new Date() })
      .onConflict((oc) => oc.column('incident_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row)
      await addItem(trx, {
        incidentId: id,
        type: 'postmortem',
        actor: by,
        text: `${by} drafted the postmortem`,
      });
    return row !== undefined;
  });
  if (created) published(ctx, id, 'postmortem');
  return { created, postmortem: await getPostmortem(ctx, id) };
}

export async function getPostmortem(ctx: IncidentContext, id: string) {
  const row = await ctx.db
    .selectFrom('incident_postmortems')
    .selectAll()
    .where('incident_id', '=', id)
    .executeTakeFirst();
  if (!row) {
    await getIncident(ctx, id);
    throw notFound(
      `incident ${id} has no postmortem yet; POST /api/v1/incidents/${id}/postmortem drafts one`,
    );
  }
  return toView(row);
}

export async function editPostmortem(
  ctx: IncidentContext,
  id: string,
  edit: { markdown: string; version: number },
  by: string,
) {
  await getPostmortem(ctx, id);
  // Compare and set in one statement: of two edits of the same version, exactly one lands.
  const row = await ctx.db
    .updateTable('incident_postmortems')
    .set({ markdown: edit.markdown, version: edit.version + 1, updated_by: by, updated_at: new Date() })
    .where('incident_id', '=', id)
    .where('version', '=', edit.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    const now = await getPostmortem(ctx, id);
    throw conflict(
      `the postmortem is at version ${now.version} (last edited by ${now.updatedBy} at ${now.updatedAt}), not ${edit.version}: merge your changes into the current text and send it with version ${now.version}`,
      { currentVersion: now.version, markdown: now.markdown, updatedBy: now.updatedBy },
    );
  }
  published(ctx, id, 'postmortem');
  return toView(row);
}

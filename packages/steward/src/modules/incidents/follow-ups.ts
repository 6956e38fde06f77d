// Follow-up actions: title, an owner (a person or a team), a due date, done. Overdue ones are listed
// per team: those of the team's incidents and those the team owns.
import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { invalid, notFound } from '../../platform/errors.ts';
import { type IncidentContext, published } from './context.ts';
import { noIncident } from './incident-reads.ts';
import { refOf } from './refs.ts';
import type { FollowUp } from './schemas.ts';
import { type Db, getIncidentRow, json } from './store.ts';
import type { IncidentFollowUpsTable } from './tables.ts';
import { addItem } from './timeline.ts';

const today = (now = new Date()) => now.toISOString().slice(0, 10);

type Row = Selectable<IncidentFollowUpsTable> & { incident_title: string };

function toFollowUp(row: Row, now = new Date()): FollowUp {
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentTitle: row.incident_title,
    title: row.title,
    owner: row.owner,
    due: row.due,
    done: row.done_at !== null,
    doneAt: row.done_at ? new Date(row.done_at).toISOString() : null,
    overdue: row.done_at === null && row.due < today(now),
  };
}

const withTitle = (db: Db) =>
  db
    .selectFrom('incident_follow_ups as f')
    .innerJoin('incidents as i', 'i.id', 'f.incident_id')
    .selectAll('f')
    .select('i.title as incident_title');

/** A User or Group ref the catalog or Steward knows. */
async function ownerOf(ctx: IncidentContext, text: string, field: string): Promise<string> {
  const ref = refOf(text, 'user', field);
  const known = ref.startsWith('user:')
    ? await ctx.hasPerson(ref.slice(ref.indexOf('/') + 1))
    : ref.startsWith('group:') && (await ctx.catalog.loadEntitiesByRef([ref])).length > 0;
  if (!known) {
    const message = `${ref} is neither a person Steward knows nor a team in the catalog; give user:<handle> or group:<team>`;
    throw invalid(`${field}: ${message}`, [{ field, message }]);
  }
  return ref;
}

export async function addFollowUp(
  ctx: IncidentContext,
  incidentId: string,
  input: { title: string; owner: string; due: string },
  by: string,
): Promise<FollowUp> {
  if (!(await getIncidentRow(ctx.db, incidentId))) throw noIncident(incidentId);
  const owner = await ownerOf(ctx, input.owner, 'body.owner');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('incident_follow_ups')
      .values({
        id,
        incident_id: incidentId,
        title: input.title,
        owner,
        due: input.due,
        done_at: null,
        created_by: by,
      })
      .execute();
    await addItem(trx, {
      incidentId,
      type: 'follow-up',
      actor: by,
      text: `follow-up "${input.title}" for ${owner}, due ${input.due}`,
    });
  });
  published(ctx, incidentId, 'follow-up');
  return getFollowUp(ctx, incidentId, id);
}

async function getFollowUp(ctx: IncidentContext, incidentId: string, id: string): Promise<FollowUp> {
  const row = await withTitle(ctx.db)
    .where('f.id', '=', id)
    .where('f.incident_id', '=', incidentId)
    .executeTakeFirst();
  if (!row)
    throw notFound(
      `incident ${incidentId} has no follow-up ${id}; GET /api/v1/incidents/${incidentId}/follow-ups lists them`,
    );
  return toFollowUp(row);
}

export async function changeFollowUp(
  ctx: IncidentContext,
  incidentId: string,
  id: string,
  change: {
    title?: string | undefined;
    owner?: string | undefined;
    due?: string | undefined;
    done?: boolean | undefined;
  },
  by: string,
): Promise<FollowUp> {
  const before = await getFollowUp(ctx, incidentId, id);
  const owner = change.owner ? await ownerOf(ctx, change.owner, 'body.owner') : undefined;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('incident_follow_ups')
      .set({
        ...(change.title ? { title: change.title } : {}),
        ...(owner ? { owner } : {}),
        ...(change.due ? { due: change.due } : {}),
        ...(change.done === undefined
          ? {}
          : { done_at: change.done ? (before.doneAt ? new Date(before.doneAt) : new Date()) : null }),
      })
      .where('id', '=', id)
      .execute();
    if (change.done !== undefined && change.done !== before.done)
      await addItem(trx, {
        incidentId,
        type: 'follow-up',
        actor: by,
        text: `follow-up "${before.title}" ${change.done ? 'done' : 'reopened'}`,
      });
  });
  published(ctx, incidentId, 'follow-up');
  return getFollowUp(ctx, incidentId, id);
}

export async function followUpsOf(ctx: IncidentContext, incidentId: string): Promise<FollowUp[]> {
  if (!(await getIncidentRow(ctx.db, incidentId))) throw noIncident(incidentId);
  const rows = await withTitle(ctx.db)
    .where('f.incident_id', '=', incidentId)
    .orderBy('f.due')
    .orderBy('f.created_at')
    .execute();
  return rows.map((row) => toFollowUp(row));
}

export async function teamFollowUps(
  ctx: IncidentContext,
  teamText: string,
  overdueOnly: boolean,
  now = new Date(),
) {
  const team = refOf(teamText, 'group', 'querystring.team');
  let select = withTitle(ctx.db)
    .where((eb) => eb.or([eb('f.owner', '=', team), eb(sql<boolean>`i.teams @> ${json([team])}`, '=', true)]))
    .orderBy('f.due')
    .orderBy('f.created_at');
  if (overdueOnly) select = select.where('f.done_at', 'is', null).where('f.due', '<', today(now));
  return { items: (await select.execute()).map((row) => toFollowUp(row, now)) };
}

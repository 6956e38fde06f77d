// The timeline: every change lands here with its time and actor, in the transaction of the change.
// Work that may run twice (an alert's event heard again, a reminder job retried) passes a dedup key
// and writes its item once. Followers of `incident:<id>` hear of each item once it is committed.
import { randomUUID } from 'node:crypto';
import type { TimelineItem } from './schemas.ts';
import type { Db, TimelineRow } from './store.ts';

export interface NewItem {
  incidentId: string;
  type: string;
  actor: string;
  text: string;
  at?: Date;
  dedupKey?: string;
}

/** Answers the item, or null when its dedup key was written already. */
export async function addItem(trx: Db, item: NewItem): Promise<TimelineItem | null> {
  const row = await trx
    .insertInto('incident_timeline')
    .values({
      id: randomUUID(),
      incident_id: item.incidentId,
      at: item.at ?? new Date(),
      type: item.type,
      actor: item.actor,
      text: item.text,
      dedup_key: item.dedupKey ?? null,
      edited_at: null,
    })
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toItem(row) : null;
}

export async function timelineOf(db: Db, incidentId: string): Promise<TimelineItem[]> {
  const rows = await db
    .selectFrom('incident_timeline')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('at')
    .orderBy('seq')
    .execute();
  return rows.map(toItem);
}

export function toItem(row: TimelineRow): TimelineItem {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    type: row.type,
    actor: row.actor,
    text: row.text,
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
  };
}

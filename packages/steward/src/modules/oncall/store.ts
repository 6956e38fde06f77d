// On-call's SQL: overrides (a swap is two of them with one swap id) and calendar feeds by token hash.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Override } from './engine/index.ts';
import type { OverrideView } from './schemas.ts';
import type { CalendarFeedsTable, OncallDb, OverridesTable } from './tables.ts';

export type FeedRow = Selectable<CalendarFeedsTable>;

export interface NewOverride {
  schedule: string;
  user: string;
  from: Date;
  until: Date;
  swap?: string | undefined;
  createdBy: string;
}

export async function insertOverride(db: OncallDb, override: NewOverride): Promise<OverrideView> {
  const row = await db
    .insertInto('oncall_overrides')
    .values({
      id: randomUUID(),
      schedule_ref: override.schedule,
      user_ref: override.user,
      starts_at: override.from,
      ends_at: override.until,
      swap_id: override.swap ?? null,
      created_by: override.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return overrideView(row);
}

/** The schedule's overrides that overlap the window, oldest first (a later one wins where they overlap). */
export async function overridesOf(
  db: OncallDb,
  schedule: string,
  window?: { from: Date; until: Date },
): Promise<OverrideView[]> {
  let query = db.selectFrom('oncall_overrides').selectAll().where('schedule_ref', '=', schedule);
  if (window) query = query.where('ends_at', '>', window.from).where('starts_at', '<', window.until);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(overrideView);
}

/** Overrides of many schedules at once, by schedule, overlapping the window. */
export async function overridesBySchedule(
  db: OncallDb,
  window: { from: Date; until: Date },
): Promise<Map<string, OverrideView[]>> {
  const rows = await db
    .selectFrom('oncall_overrides')
    .selectAll()
    .where('ends_at', '>', window.from)
    .where('starts_at', '<', window.until)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const bySchedule = new Map<string, OverrideView[]>();
  for (const row of rows) {
    bySchedule.set(row.schedule_ref, [...(bySchedule.get(row.schedule_ref) ?? []), overrideView(row)]);
  }
  return bySchedule;
}

export async function findOverride(db: OncallDb, schedule: string, id: string): Promise<OverrideView | null> {
  const row = await db
    .selectFrom('oncall_overrides')
    .selectAll()
    .where('schedule_ref', '=', schedule)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? overrideView(row) : null;
}

export async function deleteOverride(db: OncallDb, id: string): Promise<void> {
  await db.deleteFrom('oncall_overrides').where('id', '=', id).execute();
}

export function asEngineOverride(view: OverrideView): Override {
  return { id: view.id, user: view.user, from: new Date(view.from), until: new Date(view.until) };
}

function overrideView(row: Selectable<OverridesTable>): OverrideView {
  return {
    id: row.id,
    schedule: row.schedule_ref,
    user: row.user_ref,
    from: new Date(row.starts_at).toISOString(),
    until: new Date(row.ends_at).toISOString(),
    swap: row.swap_id,
    createdBy: row.created_by,
  };
}

export async function insertFeed(db: OncallDb, feed: Omit<CalendarFeedsTable, 'created_at'>): Promise<void> {
  await db.insertInto('oncall_calendar_feeds').values(feed).execute();
}

export function findFeedByHash(db: OncallDb, hash: string): Promise<FeedRow | undefined> {
  return db.selectFrom('oncall_calendar_feeds').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export function findFeed(db: OncallDb, id: string): Promise<FeedRow | undefined> {
  return db.selectFrom('oncall_calendar_feeds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteFeed(db: OncallDb, id: string): Promise<void> {
  await db.deleteFrom('oncall_calendar_feeds').where('id', '=', id).execute();
}

/** Feeds, oldest first; only those `createdBy` made when given. */
export function listFeeds(db: OncallDb, createdBy?: string): Promise<FeedRow[]> {
  let query = db.selectFrom('oncall_calendar_feeds').selectAll();
  if (createdBy !== undefined) query = query.where('created_by', '=', createdBy);
  return query.orderBy('created_at').orderBy('id').execute();
}

// Calendar feeds (RFC 5545): a schedule's shifts or one person's across every schedule, from a week
// back to twelve weeks ahead, at a URL whose random token is the credential. Only the token's hash
// is stored; the answer that creates a feed is the one place the token is ever shown.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { actsAsAdmin } from '../identity/index.ts';
import type { CatalogView } from './catalog-view.ts';
import { finalSchedule, renderCalendar } from './engine/index.ts';
import { fullRef } from './read-spec.ts';
import {
  asEngineOverride,
  deleteFeed,
  findFeed,
  findFeedByHash,
  insertFeed,
  listFeeds,
  overridesBySchedule,
} from './store.ts';
import type { CalendarFeedsTable, OncallDb } from './tables.ts';

const weekMs = 7 * 24 * 3600 * 1000;

export interface FeedsContext {
  db: OncallDb;
  view: CatalogView;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createFeed(
  ctx: FeedsContext,
  caller: Principal,
  body: { schedule?: string | undefined; user?: string | undefined },
  baseUrl: string,
) {
  let schedule: string | null = null;
  let user: string | null = null;
  if (body.schedule !== undefined) {
    schedule = fullRef(body.schedule, 'schedule');
    if (!schedule || !(await ctx.view.current()).schedules.has(schedule)) {
      throw notFound(`no schedule ${schedule ?? body.schedule} in the catalog`, [
        { field: 'body.schedule', message: 'names no Schedule in the catalog' },
      ]);
    }
  } else {
    user = fullRef(body.user, 'user');
    if (!user?.startsWith('user:'))
      throw invalid('body.user must be a User ref', [
        { field: 'body.user', message: 'write alice or user:default/alice' },
      ]);
    if (!actsAsAdmin(caller) && user !== `user:default/${caller.handle.toLowerCase()}`) {
      throw forbidden(
        `a person may create a feed of their own shifts only (user:default/${caller.handle}); admins, of anyone's`,
      );
    }
  }
  const token = randomBytes(32).toString('base64url');
  const feed = {
    id: randomUUID(),
    token_hash: hashOf(token),
    schedule_ref: schedule,
    user_ref: user,
    created_by: caller.handle,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertFeed(trx, feed);
    // The audit entry names the feed, never its token.
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'calendar-feed.create',
      subjectType: 'calendar-feed',
      subjectId: feed.id,
      after: { schedule, user },
    });
  });
  return { ...feedView(feed), url: `${baseUrl.replace(/\/$/, '')}/api/v1/calendar-feeds/${token}.ics` };
}

/** A person's own feeds (admins: everyone's), without their URLs: those were shown once. */
export async function feedsOf(ctx: FeedsContext, caller: Principal) {
  return (await listFeeds(ctx.db, actsAsAdmin(caller) ? undefined : caller.handle)).map(feedView);
}

export async function revokeFeed(ctx: FeedsContext, caller: Principal, id: string) {
  const feed = await findFeed(ctx.db, id);
  if (!feed) throw notFound(`no calendar feed ${id}`);
  if (!actsAsAdmin(caller) && feed.created_by !== caller.handle) {
    throw forbidden(`only ${feed.created_by}, who created calendar feed ${id}, or an admin may revoke it`);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await deleteFeed(trx, id);
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'calendar-feed.revoke',
      subjectType: 'calendar-feed',
      subjectId: id,
      before: feedView(feed),
    });
  });
  return feedView(feed);
}

/** The feed's calendar text; not found for an unknown (or revoked) token, without saying which. */
export async function renderFeed(ctx: FeedsContext, token: string, now: Date): Promise<string> {
  const feed = await findFeedByHash(ctx.db, hashOf(token));
  if (!feed) throw notFound('no calendar feed has this URL (it may have been revoked)');
  const window = { from: new Date(now.getTime() - weekMs), until: new Date(now.getTime() + 12 * weekMs) };
  const view = await ctx.view.current();
  const overrides = await overridesBySchedule(ctx.db, window);
  const schedules = [...view.schedules.values()].filter(
    (s) => feed.schedule_ref === null || s.ref === feed.schedule_ref,
  );
  const events = schedules.flatMap((schedule) =>
    finalSchedule(schedule, (overrides.get(schedule.ref) ?? []).map(asEngineOverride), window)
      .filter((shift) => feed.user_ref === null || shift.user === feed.user_ref)
      .map((shift) => ({
        uid: `${schedule.ref}/${shift.user}/${shift.from.toISOString()}@steward`,
        summary: `On call: ${shift.user.slice(shift.user.indexOf('/') + 1)} (${schedule.name})`,
        from: shift.from,
        until: shift.until,
        description: `${shift.user} is on call for ${schedule.ref}${shift.layer ? ` (layer ${shift.layer})` : ' (override)'}`,
      })),
  );
  const name = feed.schedule_ref ? `On call: ${feed.schedule_ref}` : `On call: ${feed.user_ref}`;
  return renderCalendar({ name, events });
}

function feedView(feed: Omit<CalendarFeedsTable, 'created_at'>) {
  return { id: feed.id, schedule: feed.schedule_ref, user: feed.user_ref, createdBy: feed.created_by };
}

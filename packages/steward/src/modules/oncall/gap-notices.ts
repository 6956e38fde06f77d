// Gap notices: a gap (nobody on call) is told to the schedule's owning team before it starts, at most
// horizonMs ahead (default 7 days). A scan job, run every scanMs, enqueues one notice job per gap not
// yet told, keyed by schedule and start, so two servers scanning together enqueue it once. The notice is
// recorded once everyone was told (a failed notify leaves it unrecorded and the job retries), and each
// person's notify carries its own idempotency key, so a retry tells nobody twice.
import { z } from 'zod';
import { defineJob, definePeriodicJob, type JobQueue } from '../../platform/jobs/index.ts';
import type { CatalogView, OncallCatalog } from './catalog-view.ts';
import { gaps } from './engine/index.ts';
import { asEngineOverride, overridesBySchedule } from './store.ts';
import type { OncallDb } from './tables.ts';

export interface GapNotice {
  /** The User ref told. */
  user: string;
  schedule: string;
  /** The owning Group ref. */
  team: string;
  from: string;
  until: string;
}

export interface GapNoticeOptions {
  notifyGap?: ((notice: GapNotice) => Promise<void>) | undefined;
  /** How far ahead a gap is told (default 7 days). */
  horizonMs?: number | undefined;
  /** How often gaps are looked for (default 1 h). */
  scanMs?: number | undefined;
}

const gapPayload = z.object({ schedule: z.string(), from: z.string(), until: z.string() });
type GapPayload = z.infer<typeof gapPayload>;

// Past the horizon the gap's end is still worth telling: "until Monday", not "until the horizon".
const lookPastMs = 31 * 24 * 3600_000;

export function defineGapNotices(
  ctx: { db: OncallDb; view: CatalogView; jobs: JobQueue; now(): Date },
  options: GapNoticeOptions,
) {
  const horizonMs = options.horizonMs ?? 7 * 24 * 3600_000;
  const scanMs = options.scanMs ?? 3600_000;

  const notice = defineJob<GapPayload>({
    name: 'oncall.gap-notice',
    payload: gapPayload,
    handler: async (payload) => {
      const notify = options.notifyGap;
      if (!notify) return { told: [], reason: 'no notifier' };
      const view = await ctx.view.current();
      const schedule = view.schedules.get(payload.schedule);
      if (!schedule?.owner) return { told: [], reason: 'the schedule is gone, or has no owner' };
      const team = schedule.owner;
      const people = teamOf(view, team);
      const key = { schedule_ref: payload.schedule, starts_at: new Date(payload.from) };
      const told = await ctx.db
        .selectFrom('oncall_gap_notices')
        .select('schedule_ref')
        .where('schedule_ref', '=', key.schedule_ref)
        .where('starts_at', '=', key.starts_at)
        .executeTakeFirst();
      if (told) return { told: [], reason: 'already told' };
      // Told first, recorded after (not in one transaction: notify writes through its own connection,
      // which PGlite's single one would wait for): a retry tells again, deduplicated per person.
      for (const user of people) await notify({ ...payload, user, team });
      await ctx.db
        .insertInto('oncall_gap_notices')
        .values({ ...key, ends_at: new Date(payload.until) })
        .onConflict((c) => c.doNothing())
        .execute();
      return people.length > 0 ? { told: people } : { told: [], reason: `${team} has nobody in it` };
    },
  });

  /** Enqueues the notice of every gap that starts after now and within the horizon; answers how many. */
  const scanOnce = async (now: Date) => {
    if (!options.notifyGap) return 0;
    const horizon = now.getTime() + horizonMs;
    const window = { from: now, until: new Date(horizon + lookPastMs) };
    const view = await ctx.view.current();
    const overrides = await overridesBySchedule(ctx.db, window);
    const told = await toldSince(ctx.db, now);
    let enqueued = 0;
    for (const schedule of view.schedules.values()) {
      if (!schedule.owner) continue;
      const its = (overrides.get(schedule.ref) ?? []).map(asEngineOverride);
      for (const gap of gaps(schedule, its, window)) {
        // One under way started before anyone could be told; one past the horizon waits its turn.
        if (gap.from.getTime() <= now.getTime() || gap.from.getTime() > horizon) continue;
        if (told.has(`${schedule.ref}|${gap.from.getTime()}`)) continue;
        const payload = {
          schedule: schedule.ref,
          from: gap.from.toISOString(),
          until: gap.until.toISOString(),
        };
        await ctx.jobs.enqueue(notice, payload, { key: `gap|${payload.schedule}|${payload.from}` });
        enqueued++;
      }
    }
    return enqueued;
  };

  const scan = definePeriodicJob({
    name: 'oncall.gap-notice-scan',
    everyMs: scanMs,
    jobs: ctx.jobs,
    now: ctx.now,
    run: async (now) => ({ enqueued: await scanOnce(now) }),
  });

  return {
    notice,
    definitions: [notice, scan.definition],
    scanOnce,
    /** Starts the scans (once per period, across servers); nothing without a notifier. */
    async start() {
      if (options.notifyGap) await scan.start();
    },
  };
}

/** The people of a team (User refs), sorted. */
function teamOf(view: OncallCatalog, team: string): string[] {
  return (view.groups.get(team.toLowerCase())?.members ?? []).filter((m) => m.startsWith('user:'));
}

/** The gaps told already that start after `now`, as `schedule|epoch ms`. */
async function toldSince(db: OncallDb, now: Date): Promise<Set<string>> {
  const rows = await db
    .selectFrom('oncall_gap_notices')
    .select(['schedule_ref', 'starts_at'])
    .where('starts_at', '>', now)
    .execute();
  return new Set(rows.map((r) => `${r.schedule_ref}|${new Date(r.starts_at).getTime()}`));
}

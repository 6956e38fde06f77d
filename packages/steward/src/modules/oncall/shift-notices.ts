// Shift notices: before a person's shift starts (leadMs, default an hour) they hear of it through the
// injected notifyShift. A scan job, run every scanMs, enqueues one notice job per coming shift at its
// notice time; a notice is recorded once it is queued, and queued under the shift's idempotency key,
// so however often scans and retries run, each person hears once per shift (a failed notify retries).
import { z } from 'zod';
import { defineJob, definePeriodicJob, type JobQueue } from '../../platform/jobs/index.ts';
import type { CatalogView } from './catalog-view.ts';
import { finalSchedule, shiftAt } from './engine/index.ts';
import { asEngineOverride, overridesBySchedule } from './store.ts';
import type { OncallDb } from './tables.ts';

export interface ShiftNotice {
  user: string;
  schedule: string;
  from: string;
  until: string;
}

export interface ShiftNoticeOptions {
  notifyShift?: ((notice: ShiftNotice) => Promise<void>) | undefined;
  /** How long before a shift its person hears of it (default 1 h). */
  leadMs?: number | undefined;
  /** How often coming shifts are looked for (default 15 min). */
  scanMs?: number | undefined;
}

const noticePayload = z.object({
  user: z.string(),
  schedule: z.string(),
  from: z.string(),
  until: z.string(),
});

export function defineShiftNotices(
  ctx: { db: OncallDb; view: CatalogView; jobs: JobQueue; now(): Date },
  options: ShiftNoticeOptions,
) {
  const leadMs = options.leadMs ?? 3600_000;
  const scanMs = options.scanMs ?? 15 * 60_000;

  const notice = defineJob<ShiftNotice>({
    name: 'oncall.shift-notice',
    payload: noticePayload,
    handler: async (payload) => {
      const notify = options.notifyShift;
      if (!notify) return { sent: false, reason: 'no notifier' };
      const starts = new Date(payload.from);
      const sent = await ctx.db
        .selectFrom('oncall_shift_notices')
        .select('user_ref')
        .where('user_ref', '=', payload.user)
        .where('schedule_ref', '=', payload.schedule)
        .where('starts_at', '=', starts)
        .executeTakeFirst();
      if (sent) return { sent: false, reason: 'already sent' };
      // Told first, recorded after, not in one transaction: the notifier writes through its own
      // connection (on PGlite, the only one, which an open transaction here would hold). Its
      // idempotency key is the shift's, so a retry after a failure in between tells nobody twice.
      await notify(payload);
      await ctx.db
        .insertInto('oncall_shift_notices')
        .values({ user_ref: payload.user, schedule_ref: payload.schedule, starts_at: starts })
        .onConflict((c) => c.doNothing())
        .execute();
      return { sent: true };
    },
  });

  /** Enqueues the notice of every shift whose notice time falls before the next scan ends. */
  const scanOnce = async (now: Date) => {
    if (!options.notifyShift) return 0;
    const window = {
      from: new Date(now.getTime() + 1),
      until: new Date(now.getTime() + leadMs + 2 * scanMs),
    };
    // Overrides well past the window too: a shift's notice tells its whole length.
    const overrideWindow = {
      from: window.from,
      until: new Date(window.until.getTime() + 92 * 24 * 3600_000),
    };
    const view = await ctx.view.current();
    const overrides = await overridesBySchedule(ctx.db, overrideWindow);
    let enqueued = 0;
    for (const schedule of view.schedules.values()) {
      const its = (overrides.get(schedule.ref) ?? []).map(asEngineOverride);
      for (const shift of finalSchedule(schedule, its, window)) {
        // A shift clipped by the window's start is under way already.
        if (shift.from.getTime() <= window.from.getTime()) continue;
        const whole = shiftAt(schedule, its, shift.from) ?? shift;
        const payload = {
          user: shift.user,
          schedule: schedule.ref,
          from: shift.from.toISOString(),
          until: whole.until.toISOString(),
        };
        const runAt = new Date(Math.max(now.getTime(), shift.from.getTime() - leadMs));
        await ctx.jobs.enqueue(notice, payload, {
          runAt,
          key: `${payload.user}|${payload.schedule}|${payload.from}`,
        });
        enqueued++;
      }
    }
    return enqueued;
  };

  const scan = definePeriodicJob({
    name: 'oncall.shift-notice-scan',
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
      if (options.notifyShift) await scan.start();
    },
  };
}

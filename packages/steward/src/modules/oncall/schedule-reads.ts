// Schedules as people look at them: who is on call in each now, each layer's shifts and the final
// schedule over a window, and the gaps every schedule will have (reported before they happen).
import { invalid } from '../../platform/errors.ts';
import type { CatalogView } from './catalog-view.ts';
import { finalSchedule, gaps, type Interval, layerShifts, type Shift, shiftAt } from './engine/index.ts';
import type { ScheduleView } from './read-spec.ts';
import type { ScheduleShifts } from './schemas.ts';
import { asEngineOverride, overridesBySchedule, overridesOf } from './store.ts';
import type { OncallDb } from './tables.ts';

const dayMs = 24 * 3600 * 1000;

export interface ReadsContext {
  db: OncallDb;
  view: CatalogView;
}

export function shiftView(shift: Shift) {
  return {
    user: shift.user,
    from: shift.from.toISOString(),
    until: shift.until.toISOString(),
    layer: shift.layer,
  };
}

export async function listSchedules(ctx: ReadsContext, at: Date) {
  const view = await ctx.view.current();
  const overrides = await overridesBySchedule(ctx.db, {
    from: new Date(at.getTime() - 92 * dayMs),
    until: new Date(at.getTime() + 92 * dayMs),
  });
  return [...view.schedules.values()]
    .sort((a, b) => a.ref.localeCompare(b.ref))
    .map((schedule) => {
      const now = shiftAt(schedule, (overrides.get(schedule.ref) ?? []).map(asEngineOverride), at);
      return {
        ref: schedule.ref,
        name: schedule.name,
        namespace: schedule.namespace,
        owner: schedule.owner,
        timeZone: schedule.timeZone,
        oncallNow: now ? shiftView(now) : null,
      };
    });
}

export async function scheduleShifts(
  ctx: ReadsContext,
  schedule: ScheduleView,
  window: Interval,
): Promise<ScheduleShifts> {
  const overrides = (await overridesOf(ctx.db, schedule.ref, window)).map(asEngineOverride);
  return {
    ref: schedule.ref,
    timeZone: schedule.timeZone,
    from: window.from.toISOString(),
    until: window.until.toISOString(),
    layers: schedule.layers.map((layer, index) => ({
      name: layer.name,
      shifts: layerShifts(schedule, index, window).map(shiftView),
    })),
    final: finalSchedule(schedule, overrides, window).map(shiftView),
    gaps: gaps(schedule, overrides, window).map(intervalView),
  };
}

export async function upcomingGaps(ctx: ReadsContext, from: Date, days: number) {
  const window = { from, until: new Date(from.getTime() + days * dayMs) };
  const view = await ctx.view.current();
  const overrides = await overridesBySchedule(ctx.db, window);
  const schedules = [...view.schedules.values()]
    .sort((a, b) => a.ref.localeCompare(b.ref))
    .map((schedule) => ({
      ref: schedule.ref,
      gaps: gaps(schedule, (overrides.get(schedule.ref) ?? []).map(asEngineOverride), window).map(
        intervalView,
      ),
    }))
    .filter((s) => s.gaps.length > 0);
  return { from: window.from.toISOString(), until: window.until.toISOString(), schedules };
}

/** The window a shifts query asks for: from (default now) to until (default two weeks on), at most a year. */
export function shiftsWindow(
  query: { from?: string | undefined; until?: string | undefined },
  now: Date,
): Interval {
  const from = query.from ? new Date(query.from) : now;
  const until = query.until ? new Date(query.until) : new Date(from.getTime() + 14 * dayMs);
  if (!(until > from)) throw invalidWindow('must be after from');
  if (until.getTime() - from.getTime() > 366 * dayMs)
    throw invalidWindow('must be at most 366 days after from');
  return { from, until };
}

function invalidWindow(message: string) {
  return invalid(`querystring.until ${message}`, [{ field: 'querystring.until', message }]);
}

function intervalView(interval: Interval) {
  return { from: interval.from.toISOString(), until: interval.until.toISOString() };
}

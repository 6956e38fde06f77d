// Working hours of an escalation policy: low-urgency alerts wait for them. They are a restriction
// window in their own zone, so the same wall-time rules apply (22:00–06:00 wraps past midnight).
import { invalid } from '../../../platform/errors.ts';
import type { WorkingHours } from './model.ts';
import { type CompiledRestriction, compileRestriction, restrictionSpans } from './restrictions.ts';
import { checkTimeZone, epochOf } from './wall-time.ts';

const weekMs = 7 * 86_400_000;

function compile(hours: WorkingHours): [string, CompiledRestriction] {
  const timeZone = checkTimeZone(hours.timeZone, 'spec.workingHours.timeZone');
  return [timeZone, compileRestriction(hours, 'spec.workingHours')];
}

export function isWithinWorkingHours(hours: WorkingHours, at: Date): boolean {
  const [timeZone, window] = compile(hours);
  const instant = epochOf(at, 'at');
  return restrictionSpans([window], timeZone, instant, instant + 1).some(
    ([from, until]) => from <= instant && instant < until,
  );
}

/** The first instant at or after `after` inside working hours: `after` itself when already inside. */
export function nextWorkingHoursStart(hours: WorkingHours, after: Date): Date {
  const [timeZone, window] = compile(hours);
  const instant = epochOf(after, 'after');
  // A week and a day always holds the next window, if the hours name any day at all.
  for (const [from, until] of restrictionSpans([window], timeZone, instant, instant + weekMs + 86_400_000)) {
    if (until > instant) return new Date(Math.max(from, instant));
  }
  throw invalid(
    'spec.workingHours.days: names no day, so working hours never begin; list at least one weekday',
    [{ field: 'spec.workingHours.days', message: 'expected at least one weekday' }],
  );
}

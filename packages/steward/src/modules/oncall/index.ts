// On-call: who is on call for a service or team, and the escalation policy an alert follows, read
// from the catalog's Schedules and EscalationPolicies with overrides kept here. Import only from here.
export { durationMs } from './durations.ts';
export {
  finalSchedule,
  type Interval,
  isWithinWorkingHours,
  nextWorkingHoursStart,
  type Override,
  renderCalendar,
  type ScheduleDefinition,
  type Shift,
  shiftAt,
  type Weekday,
} from './engine/index.ts';
export type { OncallService, Reached } from './oncall-service.ts';
export type { PolicyRoute } from './route-policy.ts';
export type {
  EscalationPolicyView,
  EscalationStep,
  OncallAnswer,
  OncallEntry,
  WorkingHours,
} from './schemas.ts';
export type { ShiftNotice, ShiftNoticeOptions } from './shift-notices.ts';

// The on-call schedule engine: pure, data in and data out, DST-correct in each schedule's IANA zone.
// The oncall module serves it; other modules reach it through modules/oncall/index.ts.

export { finalSchedule } from './final-schedule.ts';
export { type CalendarEvent, type CalendarFeed, renderCalendar } from './icalendar.ts';
export { layerShifts } from './layer-shifts.ts';
export type {
  Interval,
  Layer,
  Override,
  Restriction,
  ScheduleDefinition,
  Shift,
  Weekday,
  WorkingHours,
} from './model.ts';
export { weekdays } from './model.ts';
export { gaps, shiftAt } from './on-call-at.ts';
export { parseRotation, type RotationLength } from './rotation.ts';
export { isWithinWorkingHours, nextWorkingHoursStart } from './working-hours.ts';

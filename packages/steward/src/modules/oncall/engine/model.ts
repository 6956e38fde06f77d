// The shapes the schedule engine takes and returns. Wall times are strings read in the schedule's IANA
// zone; instants are Dates. Nothing here does I/O, so the server, the CLI and the benchmark share it.

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Monday first, as Temporal numbers weekdays (1 = Monday … 7 = Sunday). */
export const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A weekly window in wall time: starts on each listed day at `from`, ends at `to` (the next day when
 *  `to` <= `from`; "24:00" is the end of the day). */
export interface Restriction {
  days: readonly Weekday[];
  from: string;
  to: string;
}

export interface Layer {
  name: string;
  /** "YYYY-MM-DDTHH:MM" (seconds optional), wall time in the schedule's zone. */
  start: string;
  /** ISO 8601 duration: weeks and days hand off at the same wall time, hours and less count elapsed time. */
  rotation: string;
  /** User refs, on call in turn. */
  members: readonly string[];
  restrictions?: readonly Restriction[];
}

export interface ScheduleDefinition {
  ref: string;
  timeZone: string;
  layers: readonly Layer[];
}

export interface Override {
  id?: string;
  user: string;
  from: Date;
  until: Date;
}

/** `layer` is the layer's name, or null where an override put the person there. */
export interface Shift {
  user: string;
  from: Date;
  until: Date;
  layer: string | null;
}

/** Half-open: `from` included, `until` excluded. */
export interface Interval {
  from: Date;
  until: Date;
}

export interface WorkingHours {
  timeZone: string;
  days: readonly Weekday[];
  from: string;
  to: string;
}

// Words for the hops the planner records on an alert: instants to the minute, durations as people say
// them, working hours as a rota would print them.
import type { Weekday, WorkingHours } from './model.ts';

/** "2026-03-06 21:00 UTC", or in a zone: "Mon 2026-03-09 09:00 Europe/Berlin". */
export function describeInstant(at: Date, timeZone?: string): string {
  if (!timeZone) return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${timeZone}`;
}

/** 900000 → "15 min", 5400000 → "1 h 30 min", 172800000 → "2 d". */
export function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const words = [days ? `${days} d` : '', hours ? `${hours} h` : '', rest ? `${rest} min` : ''].filter(
    Boolean,
  );
  return words.length > 0 ? words.join(' ') : `${Math.round(ms / 1000)} s`;
}

const order: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const dayName = (day: Weekday) => day.charAt(0).toUpperCase() + day.slice(1);

/** "Mon–Fri 09:00–17:00 Europe/Berlin" for consecutive days, else "Mon, Wed 09:00–17:00 …". */
export function describeWorkingHours(hours: WorkingHours): string {
  const days = [...hours.days].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const first = days[0];
  const last = days[days.length - 1];
  const consecutive =
    first && last && days.length > 2 && order.indexOf(last) - order.indexOf(first) === days.length - 1;
  const dayText = consecutive ? `${dayName(first)}–${dayName(last)}` : days.map(dayName).join(', ');
  return `${dayText} ${hours.from}–${hours.to} ${hours.timeZone}`;
}

/** "escalationpolicy:default/payments" reads as "payments". */
export function policyName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1).replace(/^[a-z]+:/i, '');
}

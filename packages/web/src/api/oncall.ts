// The on-call API as the portal calls it: schedules, who is on call, shifts, overrides and calendar
// feeds. Shapes come from the server's own schemas (@steward/steward/api), never redeclared here.
import type {
  CalendarFeed,
  CreatedCalendarFeed,
  CreateOverride,
  OncallAnswer,
  OncallEntry,
  OverrideView,
  ScheduleShifts,
  ScheduleSummary,
  Shift,
} from '@steward/steward/api';
import { del, get, post } from './http.ts';

export type {
  CalendarFeed,
  CreatedCalendarFeed,
  CreateOverride,
  OncallAnswer,
  OncallEntry,
  OverrideView,
  ScheduleShifts,
  ScheduleSummary,
  Shift,
};

interface List<T> {
  items: T[];
}

const items = <T>(list: List<T>) => list.items;
const segment = encodeURIComponent;

export interface ScheduleName {
  namespace: string;
  name: string;
}

const schedulePath = (schedule: ScheduleName) =>
  `/api/v1/schedules/${segment(schedule.namespace)}/${segment(schedule.name)}`;

export const listSchedules = () => get<List<ScheduleSummary>>('/api/v1/schedules').then(items);

/** Who the policy of a team or a service reaches now (empty when there is no policy). */
export const fetchOncall = (query: { team: string } | { service: string }) =>
  get<OncallAnswer>(`/api/v1/oncall?${new URLSearchParams(query)}`);

export function fetchShifts(schedule: ScheduleName, window: { from?: string; until?: string } = {}) {
  const params = new URLSearchParams();
  if (window.from) params.set('from', window.from);
  if (window.until) params.set('until', window.until);
  const query = params.size > 0 ? `?${params}` : '';
  return get<ScheduleShifts>(`${schedulePath(schedule)}/shifts${query}`);
}

export const listOverrides = (schedule: ScheduleName) =>
  get<List<OverrideView>>(`${schedulePath(schedule)}/overrides`).then(items);
export const createOverride = (schedule: ScheduleName, input: CreateOverride) =>
  post<OverrideView>(`${schedulePath(schedule)}/overrides`, input);
/** `user` and `with` trade places from `from` to `until`; answers the overrides the swap made. */
export const swapShifts = (schedule: ScheduleName, input: CreateOverride & { with: string }) =>
  post<List<OverrideView>>(`${schedulePath(schedule)}/swaps`, input).then(items);
export const deleteOverride = (schedule: ScheduleName, id: string) =>
  del<List<OverrideView>>(`${schedulePath(schedule)}/overrides/${segment(id)}`).then(items);

/** A personal feed (`user`) or a schedule's; the answer's URL is shown this once. */
export const createCalendarFeed = (input: { user: string } | { schedule: string }) =>
  post<CreatedCalendarFeed>('/api/v1/calendar-feeds', input);
export const listCalendarFeeds = () => get<List<CalendarFeed>>('/api/v1/calendar-feeds').then(items);

/** `schedule:default/payments-primary` → its namespace and name, for links and calls. */
export function scheduleNameOf(ref: string): ScheduleName {
  const body = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  const slash = body.indexOf('/');
  return slash < 0
    ? { namespace: 'default', name: body }
    : { namespace: body.slice(0, slash), name: body.slice(slash + 1) };
}

export const schedulePagePath = (ref: string) => {
  const { namespace, name } = scheduleNameOf(ref);
  return `/oncall/schedules/${segment(namespace)}/${segment(name)}`;
};

// The noise report: a team's alerts over a period in, what made noise and what to do about it out. Pure.
import { isWithinWorkingHours } from '../../oncall/index.ts';
import { share, summariseDurations } from './durations.ts';
import type {
  AlertGroupNoise,
  NoiseAlert,
  NoiseOptions,
  NoiseReport,
  PersonPages,
  WorkingHours,
} from './model.ts';
import { suggest } from './suggest.ts';

const defaults = { flapWindowMs: 30 * 60_000, minFlaps: 2, minCount: 5 };

export function noiseReport(
  alerts: readonly NoiseAlert[],
  hours: WorkingHours,
  options: NoiseOptions = {},
): NoiseReport {
  const settings = { ...defaults, ...options };
  const groups = [...groupByNameAndService(alerts).values()].map((group) =>
    groupNoise(group, hours, settings),
  );
  groups.sort(
    (a, b) => b.count - a.count || a.name.localeCompare(b.name) || a.service.localeCompare(b.service),
  );
  const flapping = groups
    .filter((group) => group.flaps >= settings.minFlaps)
    .map(({ name, service, flaps }) => ({ name, service, flaps }))
    .sort((a, b) => b.flaps - a.flaps || a.name.localeCompare(b.name));
  const acknowledged = alerts.flatMap((alert) =>
    alert.acknowledgedAt ? [alert.acknowledgedAt.getTime() - alert.createdAt.getTime()] : [],
  );
  return {
    alerts: alerts.length,
    groups,
    resolvedByItself: share(alerts.filter(resolvedByItself).length, alerts.length),
    flapping,
    pagesOutsideHours: pagesOutsideHours(alerts, hours),
    timeToAcknowledge: summariseDurations(acknowledged),
  };
}

/** Resolved by its source and never acknowledged: it came and went without anyone acting. */
export function resolvedByItself(alert: NoiseAlert): boolean {
  return alert.resolvedBy === 'system' && alert.acknowledgedAt === null;
}

function groupByNameAndService(alerts: readonly NoiseAlert[]): Map<string, NoiseAlert[]> {
  const groups = new Map<string, NoiseAlert[]>();
  for (const alert of alerts) {
    const key = JSON.stringify([alert.name, alert.service]);
    groups.set(key, [...(groups.get(key) ?? []), alert]);
  }
  return groups;
}

function groupNoise(
  group: readonly NoiseAlert[],
  hours: WorkingHours,
  settings: typeof defaults,
): AlertGroupNoise {
  const first = group[0];
  const noise = {
    name: first?.name ?? '',
    service: first?.service ?? '',
    count: group.length,
    resolvedByItself: share(group.filter(resolvedByItself).length, group.length),
    flaps: countFlaps(group, settings.flapWindowMs),
    pagesOutsideHours: pages(group).filter((page) => !isWithinWorkingHours(hours, page.at)).length,
  };
  return { ...noise, suggestion: suggest(noise, settings) };
}

/** Times an alert fired again within the window after the previous one of its group resolved. */
export function countFlaps(group: readonly NoiseAlert[], windowMs: number): number {
  const byStart = [...group].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let flaps = 0;
  for (let i = 1; i < byStart.length; i++) {
    const resolved = byStart[i - 1]?.resolvedAt;
    const fired = byStart[i]?.createdAt;
    if (!resolved || !fired) continue;
    const quiet = fired.getTime() - resolved.getTime();
    if (quiet >= 0 && quiet <= windowMs) flaps++;
  }
  return flaps;
}

function pages(alerts: readonly NoiseAlert[]) {
  return alerts.flatMap((alert) => alert.notifications.filter((n) => n.urgency === 'high'));
}

function pagesOutsideHours(
  alerts: readonly NoiseAlert[],
  hours: WorkingHours,
): NoiseReport['pagesOutsideHours'] {
  const all = pages(alerts);
  const byPerson = new Map<string, { pages: number; outside: number }>();
  let outside = 0;
  for (const page of all) {
    const counts = byPerson.get(page.person) ?? { pages: 0, outside: 0 };
    counts.pages++;
    if (!isWithinWorkingHours(hours, page.at)) {
      counts.outside++;
      outside++;
    }
    byPerson.set(page.person, counts);
  }
  const people: PersonPages[] = [...byPerson].map(([person, counts]) => ({
    person,
    pages: counts.pages,
    outsideHours: share(counts.outside, counts.pages),
  }));
  people.sort((a, b) => b.outsideHours.count - a.outsideHours.count || a.person.localeCompare(b.person));
  return { pages: all.length, ...share(outside, all.length), byPerson: people };
}

// A deterministic organisation's on-call: N schedules in a dozen zones, each with 2–3 layers (a weekly
// or daily primary, restricted night and weekend layers, sometimes a 12-hour follow-the-sun layer) and
// a few overrides through the year. The same seed always gives the same schedules.
import type {
  Override,
  ScheduleDefinition,
  Weekday,
} from '../../packages/steward/src/modules/oncall/engine/index.ts';

const zones = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/Santiago',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'UTC',
];
const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const weekend: Weekday[] = ['sat', 'sun'];
const hour = 3_600_000;

export interface OnCallCorpus {
  schedule: ScheduleDefinition;
  overrides: Override[];
}

export function onCallCorpus(count: number, next: () => number): OnCallCorpus[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const people = (n: number) =>
    Array.from({ length: n }, () => `user:default/person-${Math.floor(next() * 5_000)}`);
  const result: OnCallCorpus[] = [];
  for (let i = 0; i < count; i++) {
    const start = `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-0${1 + Math.floor(next() * 7)}T${pick(['09:00', '10:00', '08:30', '00:00'])}`;
    const layers: ScheduleDefinition['layers'][number][] = [
      {
        name: 'primary',
        start,
        rotation: pick(['P1W', 'P1W', 'P2W', 'P1D']),
        members: people(2 + Math.floor(next() * 5)),
      },
      {
        name: 'nights',
        start,
        rotation: pick(['P1W', 'P1D']),
        members: people(2 + Math.floor(next() * 3)),
        restrictions: [
          { days: weekdays, from: pick(['18:00', '20:00', '22:00']), to: pick(['06:00', '08:00']) },
        ],
      },
    ];
    if (next() < 0.5) {
      layers.push(
        next() < 0.5
          ? {
              name: 'weekend',
              start,
              rotation: 'P1W',
              members: people(3),
              restrictions: [{ days: weekend, from: '00:00', to: '24:00' }],
            }
          : { name: 'sun', start, rotation: 'PT12H', members: people(2) },
      );
    }
    const overrides: Override[] = Array.from({ length: Math.floor(next() * 4) }, (_, k) => {
      const from = Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * 24) * hour;
      return {
        id: `o${i}-${k}`,
        user: people(1)[0] as string,
        from: new Date(from),
        until: new Date(from + (1 + Math.floor(next() * 72)) * hour),
      };
    });
    result.push({
      schedule: { ref: `schedule:default/team-${i}`, timeZone: pick(zones), layers },
      overrides,
    });
  }
  return result;
}

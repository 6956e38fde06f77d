import { describe, expect, it } from 'vitest';
import type { NoiseAlert } from './model.ts';
import { noiseReport } from './report.ts';
import { suggest } from './suggest.ts';

const office = {
  timeZone: 'UTC',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
  from: '09:00',
  to: '17:00',
};
const min = 60_000;
const at = (iso: string, plusMinutes = 0) => new Date(new Date(iso).getTime() + plusMinutes * min);

function alert(
  id: string,
  name: string,
  service: string,
  createdAt: Date,
  ending: { resolvedAfter: number; by: string; ackAfter?: number },
  paged: string,
): NoiseAlert {
  return {
    id,
    name,
    service,
    createdAt,
    acknowledgedAt: ending.ackAfter === undefined ? null : at(createdAt.toISOString(), ending.ackAfter),
    acknowledgedBy: ending.ackAfter === undefined ? null : ending.by,
    resolvedAt: at(createdAt.toISOString(), ending.resolvedAfter),
    resolvedBy: ending.by,
    notifications: [{ at: createdAt, person: paged, urgency: 'high' }],
  };
}

// Monday 2026-03-09 onwards, working hours Mon–Fri 09:00–17:00 UTC.
const latency = Array.from({ length: 10 }, (_, i) =>
  // Hourly from 00:00, each resolved by the source 20 min later (40 quiet minutes: no flap); the 09:00 one
  // alice acknowledged after 5 min and resolved herself.
  i === 9
    ? alert(
        'l9',
        'HighLatency',
        'payments',
        at('2026-03-09T09:00:00Z'),
        { resolvedAfter: 20, by: 'user:alice', ackAfter: 5 },
        'user:bob',
      )
    : alert(
        `l${i}`,
        'HighLatency',
        'payments',
        at('2026-03-09T00:00:00Z', i * 60),
        { resolvedAfter: 20, by: 'system' },
        'user:bob',
      ),
);
// Tuesday 10:00, 10:30, 11:00, 14:00, each gone 10 min later: the 10:30 and 11:00 ones came back 20 min after.
const disk = ['10:00', '10:30', '11:00', '14:00'].map((time, i) =>
  alert(
    `d${i}`,
    'DiskFull',
    'payments',
    at(`2026-03-10T${time}:00Z`),
    { resolvedAfter: 10, by: 'system' },
    'user:carol',
  ),
);
// The same name on another service is another alert.
const ledger = {
  ...alert(
    'x1',
    'DiskFull',
    'ledger',
    at('2026-03-11T12:00:00Z'),
    { resolvedAfter: 60, by: 'user:carol', ackAfter: 30 },
    'user:carol',
  ),
};
ledger.notifications = [
  ...ledger.notifications,
  { at: at('2026-03-11T20:00:00Z'), person: 'user:dan', urgency: 'low' },
];
// Thursday night, 02:00 to 06:00 hourly, dan acknowledged after 2, 4, 6, 8, 10 min and fixed each.
const checkout = [2, 4, 6, 8, 10].map((ack, i) =>
  alert(
    `c${i}`,
    'Checkout errors above 5 %',
    'checkout',
    at('2026-03-12T02:00:00Z', i * 60),
    { resolvedAfter: 20, by: 'user:dan', ackAfter: ack },
    'user:dan',
  ),
);

describe('noiseReport', () => {
  const report = noiseReport([...disk, ledger, ...checkout, ...latency], office);

  it('groups by name and service, most firings first', () => {
    expect(report.alerts).toBe(20);
    expect(report.groups.map((g) => [g.name, g.service, g.count])).toEqual([
      ['HighLatency', 'payments', 10],
      ['Checkout errors above 5 %', 'checkout', 5],
      ['DiskFull', 'payments', 4],
      ['DiskFull', 'ledger', 1],
    ]);
  });

  it('counts alerts resolved by their source with nobody acting, overall and per group', () => {
    // 9 of the latency alerts and all 4 disk alerts: 13 of 20.
    expect(report.resolvedByItself).toEqual({ count: 13, share: 0.65 });
    expect(report.groups[0]?.resolvedByItself).toEqual({ count: 9, share: 0.9 });
  });

  it('finds the alert that fires again soon after resolving', () => {
    expect(report.flapping).toEqual([{ name: 'DiskFull', service: 'payments', flaps: 2 }]);
    expect(report.groups.map((g) => g.flaps)).toEqual([0, 0, 2, 0]);
  });

  it('counts pages outside working hours, per person, leaving low urgency out', () => {
    // Pages: 10 latency (9 before 09:00), 5 checkout (all at night), 4 disk + 1 ledger (daytime).
    expect(report.pagesOutsideHours).toMatchObject({ pages: 20, count: 14, share: 0.7 });
    expect(report.pagesOutsideHours.byPerson).toEqual([
      { person: 'user:bob', pages: 10, outsideHours: { count: 9, share: 0.9 } },
      { person: 'user:dan', pages: 5, outsideHours: { count: 5, share: 1 } },
      { person: 'user:carol', pages: 5, outsideHours: { count: 0, share: 0 } },
    ]);
  });

  it('gives time to acknowledge as nearest-rank percentiles', () => {
    // Acknowledged after 5 (latency), 30 (ledger), 2, 4, 6, 8, 10 (checkout) minutes: sorted 2 4 5 6 8 10 30.
    expect(report.timeToAcknowledge).toEqual({ count: 7, p50Ms: 6 * min, p90Ms: 30 * min, maxMs: 30 * min });
    expect(noiseReport(disk, office).timeToAcknowledge).toBeNull();
  });

  it('suggests what to do about each noisy alert and nothing for a quiet one', () => {
    expect(report.groups.map((g) => g.suggestion)).toEqual([
      'fired 10 times, 90 % resolved by itself: raise the threshold or make it a ticket; ' +
        'paged 9 times outside working hours: if it can wait for the morning, make it low urgency',
      'fired 5 times, people acted on it almost every time: it is a real problem that keeps coming back, so fix its cause',
      'fired 4 times, 100 % resolved by itself: raise the threshold or make it a ticket; fired again within 30 min ' +
        'of resolving twice: it flaps, so make it wait longer before firing (a `for:` duration) or resolve later',
      null,
    ]);
  });

  it('answers an empty period with zeros, not errors', () => {
    expect(noiseReport([], office)).toEqual({
      alerts: 0,
      groups: [],
      resolvedByItself: { count: 0, share: 0 },
      flapping: [],
      pagesOutsideHours: { pages: 0, count: 0, share: 0, byPerson: [] },
      timeToAcknowledge: null,
    });
  });
});

describe('suggest', () => {
  it('says it the way a review would', () => {
    const group = {
      name: 'CPUHigh',
      service: 'search',
      count: 42,
      resolvedByItself: { count: 38, share: 38 / 42 },
      flaps: 1,
      pagesOutsideHours: 0,
    };
    const settings = { flapWindowMs: 30 * min, minFlaps: 2, minCount: 5 };
    expect(suggest(group, settings)).toBe(
      'fired 42 times, 90 % resolved by itself: raise the threshold or make it a ticket',
    );
    expect(suggest({ ...group, count: 4 }, settings)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { NoiseAlert } from './model.ts';
import { countFlaps, noiseReport, resolvedByItself } from './report.ts';

const berlin = {
  timeZone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
  from: '09:00',
  to: '17:00',
};
const base: NoiseAlert = {
  id: 'a',
  name: 'DiskFull',
  service: 'payments',
  createdAt: new Date('2026-03-09T10:00:00Z'),
  acknowledgedAt: null,
  resolvedAt: new Date('2026-03-09T10:10:00Z'),
  acknowledgedBy: null,
  resolvedBy: 'system',
  notifications: [],
};
const fired = (id: string, from: string, until: string | null): NoiseAlert => ({
  ...base,
  id,
  createdAt: new Date(from),
  resolvedAt: until ? new Date(until) : null,
});

describe('noise report edges', () => {
  it('does not count an alert someone acknowledged as resolved by itself, even when the source resolved it', () => {
    expect(resolvedByItself(base)).toBe(true);
    expect(
      resolvedByItself({
        ...base,
        acknowledgedAt: new Date('2026-03-09T10:05:00Z'),
        acknowledgedBy: 'user:ann',
      }),
    ).toBe(false);
    expect(resolvedByItself({ ...base, resolvedBy: 'user:ann' })).toBe(false);
  });

  it('counts a flap only after a resolve, within the window, in firing order whatever the input order', () => {
    const group = [
      fired('3', '2026-03-09T11:00:00Z', null),
      fired('1', '2026-03-09T10:00:00Z', '2026-03-09T10:10:00Z'),
      fired('2', '2026-03-09T10:25:00Z', '2026-03-09T10:45:00Z'),
    ];
    // 10:10 → 10:25 is 15 min, 10:45 → 11:00 is 15 min; the last one is still open.
    expect(countFlaps(group, 30 * 60_000)).toBe(2);
    expect(countFlaps(group, 14 * 60_000)).toBe(0);
    expect(countFlaps([...group, fired('4', '2026-03-09T11:05:00Z', null)], 30 * 60_000)).toBe(2);
  });

  it('reads working hours as wall time in their zone', () => {
    const paged = (at: string) => ({ at: new Date(at), person: 'user:ann', urgency: 'high' as const });
    // 08:30 UTC is 09:30 in Berlin (inside); 16:30 UTC is 17:30 (outside); both on Monday 2026-03-09.
    const alert = { ...base, notifications: [paged('2026-03-09T08:30:00Z'), paged('2026-03-09T16:30:00Z')] };
    expect(noiseReport([alert], berlin).pagesOutsideHours).toEqual({
      pages: 2,
      count: 1,
      share: 0.5,
      byPerson: [{ person: 'user:ann', pages: 2, outsideHours: { count: 1, share: 0.5 } }],
    });
  });

  it('takes its thresholds from the options', () => {
    const alerts = [
      fired('1', '2026-03-09T10:00:00Z', '2026-03-09T10:10:00Z'),
      fired('2', '2026-03-09T10:20:00Z', '2026-03-09T10:30:00Z'),
    ];
    expect(noiseReport(alerts, berlin).groups[0]?.suggestion).toBeNull();
    expect(noiseReport(alerts, berlin, { minFlaps: 1 }).flapping).toEqual([
      { name: 'DiskFull', service: 'payments', flaps: 1 },
    ]);
    expect(noiseReport(alerts, berlin, { minCount: 2 }).groups[0]?.suggestion).toBe(
      'fired twice, 100 % resolved by itself: raise the threshold or make it a ticket',
    );
  });
});

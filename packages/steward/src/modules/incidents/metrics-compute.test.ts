// Response metrics, pure: nearest-rank percentiles against their definition, and durations measured
// from when the incident started.
import { describe, expect, it } from 'vitest';
import { nearestRank, responseMetrics, summarise } from './metrics-compute.ts';

describe('response metrics', () => {
  it('takes percentiles by nearest rank', () => {
    // 10 values: the median is the 5th, p90 the 9th.
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(nearestRank(ten, 0.5)).toBe(50);
    expect(nearestRank(ten, 0.9)).toBe(90);
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([], 0.5)).toBeNull();
    expect(summarise([3, 1, 2])).toEqual({ count: 3, p50Ms: 2, p90Ms: 3 });
  });

  it('agrees with counting: at least p of the values are at or below the answer, and fewer below it', () => {
    for (let n = 1; n <= 40; n++) {
      const values = Array.from({ length: n }, (_, i) => (i * 7919) % 101).sort((a, b) => a - b);
      for (const p of [0.5, 0.9]) {
        const answer = nearestRank(values, p) as number;
        expect(values.filter((v) => v <= answer).length / n).toBeGreaterThanOrEqual(p);
        expect(values.filter((v) => v < answer).length / n).toBeLessThan(p);
      }
    }
  });

  it('measures from the start, counts by severity, and takes a resolve without mitigation as mitigated', () => {
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
    const metrics = responseMetrics(
      [
        {
          severity: 'SEV1',
          startedAt: at(0),
          acknowledgedAt: at(5),
          mitigatedAt: at(20),
          resolvedAt: at(60),
        },
        { severity: 'SEV2', startedAt: at(0), acknowledgedAt: at(1), mitigatedAt: null, resolvedAt: at(30) },
        { severity: 'SEV2', startedAt: at(0), acknowledgedAt: null, mitigatedAt: null, resolvedAt: null },
      ],
      ['SEV1', 'SEV2', 'SEV3'],
    );
    expect(metrics.incidents).toBe(3);
    expect(metrics.bySeverity).toEqual({ SEV1: 1, SEV2: 2, SEV3: 0 });
    expect(metrics.timeToAcknowledge).toEqual({ count: 2, p50Ms: 60_000, p90Ms: 300_000 });
    expect(metrics.timeToMitigate).toEqual({ count: 2, p50Ms: 20 * 60_000, p90Ms: 30 * 60_000 });
    expect(metrics.timeToResolve).toEqual({ count: 2, p50Ms: 30 * 60_000, p90Ms: 60 * 60_000 });
  });
});

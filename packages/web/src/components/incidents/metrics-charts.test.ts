import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../api/incidents.ts';
import { onCallLoadChart, responseTimesChart, severityChart } from './metrics-charts.ts';

const metrics: Metrics = {
  team: 'group:default/payments',
  service: null,
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  incidents: 3,
  bySeverity: { SEV2: 1, SEV3: 2 },
  timeToAcknowledge: { count: 3, p50Ms: 90_000, p90Ms: 300_000 },
  timeToMitigate: { count: 1, p50Ms: 1_800_000, p90Ms: 1_800_000 },
  timeToResolve: { count: 0, p50Ms: null, p90Ms: null },
  onCall: {
    teams: ['group:default/payments'],
    pages: 7,
    weeks: 4,
    pagesPerPersonPerWeek: [
      { person: 'user:default/mia', pages: 2, perWeek: 0.5 },
      { person: 'user:default/noah', pages: 5, perWeek: 1.25 },
    ],
    outsideHours: { count: 3, share: 3 / 7 },
  },
};

describe('response metrics as charts', () => {
  it('draws durations in minutes, with how many incidents each is over, and no bar where none resolved', () => {
    expect(responseTimesChart(metrics)).toMatchObject({
      categories: ['acknowledge (3)', 'mitigate (1)', 'resolve (0)'],
      series: [
        { label: 'median', values: [1.5, 30, null] },
        { label: '90th percentile', values: [5, 30, null] },
      ],
    });
  });

  it('lists every severity, most severe first, with zero where none happened', () => {
    const chart = severityChart(metrics, ['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(chart.categories).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(chart.series[0]?.values).toEqual([0, 1, 2, 0]);
  });

  it('puts the busiest person first, by handle', () => {
    const chart = onCallLoadChart(metrics);
    expect(chart.categories).toEqual(['noah', 'mia']);
    expect(chart.series[0]?.values).toEqual([1.25, 0.5]);
  });
});

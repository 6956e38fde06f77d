// Response metrics as the charts draw them: categories along the x axis and one or two series of bars,
// durations in minutes (what people say at a review), a missing figure as a gap rather than a zero.
import type { Metrics } from '../../api/incidents.ts';

export interface BarSeries {
  label: string;
  values: (number | null)[];
}

export interface BarChartData {
  title: string;
  unit: string;
  categories: string[];
  series: BarSeries[];
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

export function responseTimesChart(metrics: Metrics): BarChartData {
  const phases = [
    ['acknowledge', metrics.timeToAcknowledge],
    ['mitigate', metrics.timeToMitigate],
    ['resolve', metrics.timeToResolve],
  ] as const;
  return {
    title: 'Time to acknowledge, mitigate and resolve',
    unit: 'minutes',
    categories: phases.map(([name, d]) => `${name} (${d.count})`),
    series: [
      { label: 'median', values: phases.map(([, d]) => minutes(d.p50Ms)) },
      { label: '90th percentile', values: phases.map(([, d]) => minutes(d.p90Ms)) },
    ],
  };
}

/** Every configured severity, in the order given (most severe first), zero where none happened. */
export function severityChart(metrics: Metrics, severities: string[]): BarChartData {
  const names = [...severities, ...Object.keys(metrics.bySeverity).filter((s) => !severities.includes(s))];
  return {
    title: 'Incidents by severity',
    unit: 'incidents',
    categories: names,
    series: [{ label: 'incidents', values: names.map((name) => metrics.bySeverity[name] ?? 0) }],
  };
}

/** The busiest people first. */
export function onCallLoadChart(metrics: Metrics): BarChartData {
  const people = [...metrics.onCall.pagesPerPersonPerWeek].sort((a, b) => b.perWeek - a.perWeek);
  return {
    title: 'Pages per person per week',
    unit: 'pages a week',
    categories: people.map((p) => p.person.replace(/^user:default\//, '')),
    series: [{ label: 'pages a week', values: people.map((p) => Math.round(p.perWeek * 100) / 100) }],
  };
}

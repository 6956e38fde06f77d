// Response metrics, pure: incidents in, durations (median and p90 by nearest rank) and counts out.

export interface MetricIncident {
  severity: string;
  startedAt: Date;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
}

export interface DurationSummary {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

/** The smallest value with at least p of the values at or below it (nearest rank). */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function summarise(values: readonly number[]): DurationSummary {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: nearestRank(sorted, 0.5), p90Ms: nearestRank(sorted, 0.9) };
}

const since = (incident: MetricIncident, at: Date | null) =>
  at ? [Math.max(0, at.getTime() - incident.startedAt.getTime())] : [];

export function responseMetrics(incidents: readonly MetricIncident[], severities: readonly string[]) {
  const bySeverity: Record<string, number> = Object.fromEntries(severities.map((s) => [s, 0]));
  for (const incident of incidents) bySeverity[incident.severity] = (bySeverity[incident.severity] ?? 0) + 1;
  return {
    incidents: incidents.length,
    bySeverity,
    timeToAcknowledge: summarise(incidents.flatMap((i) => since(i, i.acknowledgedAt))),
    timeToMitigate: summarise(incidents.flatMap((i) => since(i, i.mitigatedAt ?? i.resolvedAt))),
    timeToResolve: summarise(incidents.flatMap((i) => since(i, i.resolvedAt))),
  };
}

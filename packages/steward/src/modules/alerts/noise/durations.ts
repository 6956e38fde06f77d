// Percentiles by the nearest-rank method: always a value that was observed, and easy to check by hand.

import type { Durations } from './model.ts';

export function nearestRank(sorted: readonly number[], percentile: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

export function summariseDurations(values: readonly number[]): Durations | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: nearestRank(sorted, 50),
    p90Ms: nearestRank(sorted, 90),
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}

export function share(count: number, total: number): { count: number; share: number } {
  return { count, share: total === 0 ? 0 : count / total };
}

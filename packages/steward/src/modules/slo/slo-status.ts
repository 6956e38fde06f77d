// An SLO's state read from the Sloth recording rules running in Prometheus: the error budget left
// over the period, the burn rate over each alerting window, and the budget's burn-down. Without a
// Prometheus, or with one that does not answer, the state says so; it is never an error.

import { type PrometheusApi, PrometheusUnreachable } from './prometheus.ts';
import type { SloStatus } from './schemas.ts';

/** The windows Sloth records the SLI's error ratio over (slo:sli_error:ratio_rate<window>). */
const windowOrder = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
/** Points in a burn-down: a readable chart, well under Prometheus' 11,000 a series. */
const burnDownPoints = 240;

export interface StatusInput {
  id: string;
  objective: number;
  periodMs: number;
}

export async function sloStatus(
  prometheus: PrometheusApi | null,
  slo: StatusInput,
  now: Date,
): Promise<SloStatus> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - slo.periodMs).toISOString();
  const none = { budgetRemaining: null, currentBurnRate: null, burnRates: [], burnDown: [] };
  if (!prometheus) {
    const message =
      'no Prometheus configured: set STEWARD_PROMETHEUS_URL to the query API the SLO rules run in';
    return { state: 'no-prometheus', message, at, since, ...none };
  }
  const id = `sloth_id=${promString(slo.id)}`;
  try {
    const [samples, series] = await Promise.all([
      prometheus.query(
        `{__name__=~"slo:period_error_budget_remaining:ratio|slo:current_burn_rate:ratio|slo:sli_error:ratio_rate.+",${id}}`,
        now,
      ),
      prometheus.queryRange(
        `slo:period_error_budget_remaining:ratio{${id}}`,
        new Date(since),
        now,
        Math.max(60, Math.ceil(slo.periodMs / 1000 / burnDownPoints)),
      ),
    ]);
    const latest = (name: string) => samples.find((s) => s.labels.__name__ === name)?.value ?? null;
    const budgetAllowed = 1 - slo.objective / 100;
    const burnRates = samples
      .flatMap((s) => {
        const window = s.labels.__name__?.match(/^slo:sli_error:ratio_rate(.+)$/)?.[1];
        if (!window) return [];
        return [{ window, rate: s.value === null || budgetAllowed === 0 ? null : s.value / budgetAllowed }];
      })
      .sort((a, b) => rank(a.window) - rank(b.window));
    const burnDown = (series[0]?.points ?? []).flatMap((p) =>
      p.value === null ? [] : [{ at: p.at.toISOString(), remaining: p.value }],
    );
    if (samples.length === 0 && burnDown.length === 0) {
      const message = `Prometheus has no series with ${id}: load this SLO's rules into it (GET /api/v1/slos/${slo.id} gives them) and give them a few minutes`;
      return { state: 'no-data', message, at, since, ...none };
    }
    return {
      state: 'ok',
      message: null,
      at,
      since,
      budgetRemaining: latest('slo:period_error_budget_remaining:ratio'),
      currentBurnRate: latest('slo:current_burn_rate:ratio'),
      burnRates,
      burnDown,
    };
  } catch (error) {
    if (!(error instanceof PrometheusUnreachable)) throw error;
    return { state: 'unreachable', message: error.message, at, since, ...none };
  }
}

function rank(window: string): number {
  const at = windowOrder.indexOf(window);
  return at === -1 ? windowOrder.length : at;
}

/** A PromQL double-quoted string. */
function promString(text: string): string {
  return JSON.stringify(text);
}

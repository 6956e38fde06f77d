// What Prometheus says of one SLO: the error budget left, the burn rates by window, and the burn-down
// chart; or, plainly, why there is nothing to say (no Prometheus, unreachable, rules not loaded).
import { lazy, Suspense } from 'react';
import type { SloStatus } from '../../api/slos.ts';

// uPlot is loaded only where an SLO has a burn-down to draw.
const BurnDownChart = lazy(() => import('./burn-down-chart.tsx').then((m) => ({ default: m.BurnDownChart })));

export function SloStatusView({ status, label }: { status: SloStatus; label: string }) {
  if (status.state !== 'ok') return <p className="empty slo-status__none">{status.message}</p>;
  return (
    <div className="slo-status">
      <dl className="slo-status__figures">
        <div>
          <dt>Budget left</dt>
          <dd className={budgetClass(status.budgetRemaining)}>{ratio(status.budgetRemaining)}</dd>
        </div>
        <div>
          <dt>Burn rate now</dt>
          <dd>{rate(status.currentBurnRate)}</dd>
        </div>
        {status.burnRates
          .filter((b) => b.window !== '5m')
          .map((b) => (
            <div key={b.window}>
              <dt>Burn {b.window}</dt>
              <dd>{rate(b.rate)}</dd>
            </div>
          ))}
      </dl>
      <Suspense fallback={<p className="loading">Loading the chart…</p>}>
        <BurnDownChart status={status} label={label} />
      </Suspense>
    </div>
  );
}

function ratio(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

function rate(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(2)}×`;
}

function budgetClass(value: number | null): string | undefined {
  if (value === null) return undefined;
  return value <= 0 ? 'slo-status__spent' : undefined;
}

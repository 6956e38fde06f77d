// An SLO's error budget over its period, drawn with uPlot (loaded only where a chart is shown). The
// figure's caption says the same in words, for screen readers and for anyone reading at a glance.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SloStatus } from '../../api/slos.ts';

const height = 180;

interface BurnDownProps {
  status: Pick<SloStatus, 'burnDown' | 'since' | 'at'>;
  label: string;
}

export function BurnDownChart({ status, label }: BurnDownProps) {
  const points = status.burnDown;
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = frame.current;
    if (!element || points.length === 0) return;
    const data: uPlot.AlignedData = [
      points.map((p) => Date.parse(p.at) / 1000),
      points.map((p) => Math.round(p.remaining * 10_000) / 100),
    ];
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 240),
        height,
        legend: { show: false },
        // The whole period, however little of it Prometheus has seen.
        scales: {
          x: { time: true, range: [Date.parse(status.since) / 1000, Date.parse(status.at) / 1000] },
          y: { range: (_u, min, max) => [Math.min(0, min), Math.max(100, max)] },
        },
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => `${t}%`), size: 56 }],
        series: [
          {},
          {
            label: 'Error budget left',
            stroke: '#3b5bdb',
            fill: 'rgba(59, 91, 219, 0.12)',
            width: 2,
          },
        ],
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(element.clientWidth, 240), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, status.since, status.at]);
  const first = points[0];
  const last = points.at(-1);
  return (
    <figure className="burn-down">
      <div ref={frame} className="burn-down__plot" aria-hidden="true" />
      <figcaption className="muted">
        {first && last
          ? `${label}: error budget left went from ${percent(first.remaining)} to ${percent(last.remaining)} over the period.`
          : `${label}: no burn-down yet.`}
      </figcaption>
    </figure>
  );
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

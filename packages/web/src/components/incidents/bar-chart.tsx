// A bar chart drawn by uPlot on a canvas, sized to its card, with the same figures in a table beneath
// for screen readers and anyone who wants the exact numbers.
import { useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BarChartData } from './metrics-charts.ts';

const colours = ['#1d4ed8', '#b45309'];
const height = 220;

export function BarChart({ data }: { data: BarChartData }) {
  const id = useId();
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = frame.current;
    if (!el || data.categories.length === 0) return;
    const chart = new uPlot(optionsFor(data, el.clientWidth), dataOf(data), el);
    const resize = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [data]);
  return (
    <figure className="card bar-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="card__title card__title--plain">
        {data.title}
      </figcaption>
      {data.categories.length === 0 ? (
        <p className="empty">Nothing in this period.</p>
      ) : (
        <>
          <div ref={frame} className="bar-chart__canvas" aria-hidden="true" />
          <ChartTable data={data} />
        </>
      )}
    </figure>
  );
}

function dataOf(data: BarChartData): uPlot.AlignedData {
  return [data.categories.map((_, i) => i), ...data.series.map((s) => s.values)];
}

function optionsFor(data: BarChartData, width: number): uPlot.Options {
  const two = data.series.length > 1;
  const highest = Math.max(1, ...data.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  return {
    width,
    height,
    legend: { show: two, live: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: [-0.5, data.categories.length - 0.5] },
      y: { range: [0, highest * 1.15] },
    },
    axes: [
      {
        splits: () => data.categories.map((_, i) => i),
        values: (_, splits) => splits.map((i) => data.categories[i] ?? ''),
        grid: { show: false },
      },
      { label: data.unit, size: 50 },
    ],
    series: [
      {},
      ...data.series.map((s, i) => ({
        label: s.label,
        fill: colours[i % colours.length],
        stroke: colours[i % colours.length],
        points: { show: false },
        // Two series stand side by side around each category; one stands centred on it.
        paths: uPlot.paths.bars?.({ size: [two ? 0.35 : 0.6, 80], align: two ? (i === 0 ? -1 : 1) : 0 }),
      })),
    ],
  };
}

function ChartTable({ data }: { data: BarChartData }) {
  return (
    <table className="table bar-chart__table">
      <caption className="visually-hidden">
        {data.title}, in {data.unit}
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Category</span>
          </th>
          {data.series.map((s) => (
            <th key={s.label} scope="col" className="numeric">
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.categories.map((category, row) => (
          <tr key={category}>
            <th scope="row">{category}</th>
            {data.series.map((s) => (
              <td key={s.label} className="numeric">
                {s.values[row] ?? '–'}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// The SLI recording rules: the error ratio over every window the alerts read, and over the whole
// period computed cheaply from the shortest window's record (Sloth's "optimized" period rule).
import { renderWindow } from './checks.ts';
import { formatDuration } from './durations.ts';
import { idLabels, selector, sliErrorMetric } from './labels.ts';
import type { Slo } from './model.ts';
import type { Rule } from './rule-types.ts';

/** `baseMs` is the window the period rule is computed from (the page alert's short window, 5m). */
export function sliRules(slo: Slo, windows: number[], baseMs: number): Rule[] {
  return [...windows.map((w) => windowRule(slo, w)), periodRule(slo, slo.periodMs, baseMs)];
}

function labelsFor(slo: Slo, window: string): Record<string, string> {
  return { ...idLabels(slo), sloth_window: window, ...slo.labels };
}

function windowRule(slo: Slo, windowMs: number): Rule {
  const window = formatDuration(windowMs);
  const expr =
    slo.sli.kind === 'events'
      ? `(${renderWindow(slo.sli.errorQuery, window)})\n/\n(${renderWindow(slo.sli.totalQuery, window)})\n`
      : `(${renderWindow(slo.sli.errorRatioQuery, window)})`;
  return { record: sliErrorMetric(window), expr, labels: labelsFor(slo, window) };
}

function periodRule(slo: Slo, periodMs: number, baseMs: number): Rule {
  const window = formatDuration(periodMs);
  const source = `${sliErrorMetric(formatDuration(baseMs))}${selector(idLabels(slo))}`;
  const expr = `sum_over_time(${source}[${window}])\n/ ignoring (sloth_window)\ncount_over_time(${source}[${window}])\n`;
  return { record: sliErrorMetric(window), expr, labels: labelsFor(slo, window) };
}

// The metadata recording rules Sloth's dashboards read: objective, error budget, period, burn rates,
// budget remaining and the info series.
import { day, formatDuration } from './durations.ts';
import { goF, goG } from './go-format.ts';
import { idLabels, selector, sliErrorMetric } from './labels.ts';
import { type Slo, slothVersion } from './model.ts';
import type { Rule } from './rule-types.ts';

/** `baseMs`: the window the current burn rate is read over (the page alert's short window, 5m). */
export function metaRules(slo: Slo, baseMs: number): Rule[] {
  const labels = { ...idLabels(slo), ...slo.labels };
  const filter = selector(idLabels(slo));
  const ratio = slo.objective / 100;
  const burnRate = (window: string) =>
    `${sliErrorMetric(window)}${filter}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${filter}\n`;
  return [
    { record: 'slo:objective:ratio', expr: `vector(${goG(ratio)})`, labels },
    { record: 'slo:error_budget:ratio', expr: `vector(1-${goG(ratio)})`, labels },
    { record: 'slo:time_period:days', expr: `vector(${goG(slo.periodMs / day)})`, labels },
    { record: 'slo:current_burn_rate:ratio', expr: burnRate(formatDuration(baseMs)), labels },
    { record: 'slo:period_burn_rate:ratio', expr: burnRate(formatDuration(slo.periodMs)), labels },
    {
      record: 'slo:period_error_budget_remaining:ratio',
      expr: `1 - slo:period_burn_rate:ratio${filter}`,
      labels,
    },
    {
      record: 'sloth_slo_info',
      expr: 'vector(1)',
      labels: {
        ...labels,
        sloth_version: slothVersion,
        sloth_mode: slo.mode,
        sloth_spec: slo.spec,
        sloth_objective: goF(slo.objective),
      },
    },
  ];
}

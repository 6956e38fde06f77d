// The burn-rate alerts. For a Sloth spec: Sloth's page and ticket alerts, each two window pairs
// (quick and slow) that must both burn too fast. For OpenSLO alert conditions: one pair per
// condition, the lookback window and a twelfth of it (the workbook's 1h/5m, 6h/30m, 1d/2h, 3d/6h).
import { renderWindow } from './checks.ts';
import { formatDuration } from './durations.ts';
import { goG } from './go-format.ts';
import { idLabels, selector, sliErrorMetric } from './labels.ts';
import type { AlertMeta, BurnCondition, Slo } from './model.ts';
import type { Rule } from './rule-types.ts';
import { type AlertWindow, type AlertWindows, burnFactor } from './windows.ts';

interface Pair {
  shortMs: number;
  longMs: number;
  factor: number;
  op: string;
}

export function alertRules(slo: Slo, windows: AlertWindows): Rule[] {
  if (slo.conditions.length > 0) return slo.conditions.map((c) => conditionRule(slo, c));
  const rules: Rule[] = [];
  const pair = (w: AlertWindow): Pair => ({ ...w, factor: burnFactor(slo.periodMs, w), op: '>' });
  if (slo.page)
    rules.push(slothAlert(slo, slo.page, 'page', pair(windows.pageQuick), pair(windows.pageSlow)));
  if (slo.ticket) {
    rules.push(slothAlert(slo, slo.ticket, 'ticket', pair(windows.ticketQuick), pair(windows.ticketSlow)));
  }
  return rules;
}

function slothAlert(slo: Slo, meta: AlertMeta, severity: string, quick: Pair, slow: Pair): Rule {
  return {
    alert: meta.name,
    expr: `(\n${pairExpr(slo, quick)}\n)\nor\n(\n${pairExpr(slo, slow)}\n)\n`,
    labels: { sloth_severity: severity, ...meta.labels },
    annotations: { ...standardAnnotations(severity), ...meta.annotations },
  };
}

function conditionRule(slo: Slo, c: BurnCondition): Rule {
  const pair: Pair = { shortMs: c.lookbackMs / 12, longMs: c.lookbackMs, factor: c.threshold, op: c.op };
  const rule: Rule = {
    alert: c.alertName,
    expr: `(\n${pairExpr(slo, pair)}\n)\n`,
    labels: { sloth_severity: c.severity },
    annotations: standardAnnotations(c.severity),
  };
  if (c.alertAfterMs) rule.for = formatDuration(c.alertAfterMs);
  if (c.description && rule.annotations) rule.annotations.description = c.description;
  return rule;
}

/** Both windows burning: `max(sli > factor × budget) without (sloth_window)` for the short and the long. */
function pairExpr(slo: Slo, pair: Pair): string {
  const filter = selector(idLabels(slo));
  const budget = (100 - slo.objective) / 100;
  const over = (ms: number) =>
    `    max(${sliErrorMetric(formatDuration(ms))}${filter} ${pair.op} (${goG(pair.factor)} * ${goG(budget)})) without (sloth_window)`;
  const lines = [over(pair.shortMs), '    and', over(pair.longMs)];
  const min = slo.extras.minTraffic;
  const total = slo.sli.kind === 'events' ? slo.sli.totalQuery : slo.sli.totalQuery;
  if (min !== undefined && total) {
    // The minimum-traffic guard: too few events over the long window say nothing about the budget.
    lines.push('    and on()', `    (${renderWindow(total, formatDuration(pair.longMs))}) >= ${goG(min)}`);
  }
  return lines.join('\n');
}

function standardAnnotations(severity: string): Record<string, string> {
  return {
    title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`,
    summary: '{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over expected.',
  };
}

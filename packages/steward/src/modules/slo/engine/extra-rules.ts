// What Sloth lacks, only when asked for: an alert when the SLI's metrics are absent (a silent
// exporter otherwise reads as a perfect SLO). Its own group, so Sloth's groups stay as Sloth writes them.
import { renderWindow } from './checks.ts';
import { formatDuration } from './durations.ts';
import { idLabels, selector, sliErrorMetric } from './labels.ts';
import type { Slo } from './model.ts';
import type { Rule } from './rule-types.ts';

/** `baseMs`: the shortest window recorded (5m), over which "absent" is judged. */
export function absentRule(slo: Slo, baseMs: number): Rule | undefined {
  if (slo.extras.absentForMs === undefined) return undefined;
  const window = formatDuration(baseMs);
  // The total query when there is one: with no failures yet, an error query is rightly empty.
  const total = slo.sli.kind === 'events' ? slo.sli.totalQuery : slo.sli.totalQuery;
  const watched = total ? renderWindow(total, window) : `${sliErrorMetric(window)}${selector(idLabels(slo))}`;
  return {
    alert: 'SLOMetricsAbsent',
    expr: `absent(${watched})`,
    for: formatDuration(slo.extras.absentForMs),
    labels: { ...idLabels(slo), sloth_severity: 'ticket' },
    annotations: {
      title: `(ticket) ${slo.service} ${slo.name} SLO has no data: its SLI metrics are absent.`,
      summary: `No samples for the ${slo.name} SLI of ${slo.service}: the SLO cannot be judged. Check the exporter and the query.`,
    },
  };
}

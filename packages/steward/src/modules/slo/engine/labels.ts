// Sloth's label conventions: the labels that identify an SLO, and how they are written as a selector.
import { goQuote } from './go-format.ts';
import type { Slo } from './model.ts';

export function idLabels(slo: Slo): Record<string, string> {
  return { sloth_id: slo.id, sloth_service: slo.service, sloth_slo: slo.name };
}

/** As Prometheus' LabelSet.String(): `{a="x", b="y"}`, pairs sorted as written. */
export function selector(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}=${goQuote(value)}`);
  return `{${pairs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(', ')}}`;
}

export const sliErrorMetric = (window: string) => `slo:sli_error:ratio_rate${window}`;

// Kubernetes label selectors: a Service's plain map, or matchLabels plus matchExpressions (In, NotIn,
// Exists, DoesNotExist) for NetworkPolicies and PodDisruptionBudgets. An empty selector selects all.
import { field, seqAt, stringAt, stringMap, text, type YamlNode } from './nodes.ts';

export interface Selector {
  labels: Record<string, string>;
  expressions: { key: string; operator: string; values: string[] }[];
}

export function selectorOf(node: YamlNode | undefined): Selector {
  return {
    labels: stringMap(field(node, 'matchLabels')),
    expressions: seqAt(node, 'matchExpressions').map((e) => ({
      key: stringAt(e, 'key') ?? '',
      operator: stringAt(e, 'operator') ?? '',
      values: seqAt(e, 'values').flatMap((v) => text(v) ?? []),
    })),
  };
}

export function plainSelector(labels: Record<string, string>): Selector {
  return { labels, expressions: [] };
}

export function selects(selector: Selector, labels: Record<string, string>): boolean {
  for (const key in selector.labels) if (labels[key] !== selector.labels[key]) return false;
  for (const { key, operator, values } of selector.expressions) {
    const value = labels[key];
    if (operator === 'In' && (value === undefined || !values.includes(value))) return false;
    if (operator === 'NotIn' && value !== undefined && values.includes(value)) return false;
    if (operator === 'Exists' && value === undefined) return false;
    if (operator === 'DoesNotExist' && value !== undefined) return false;
  }
  return true;
}

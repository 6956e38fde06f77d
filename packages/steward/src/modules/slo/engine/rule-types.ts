// Prometheus rule groups as Sloth builds them (Prometheus' rulefmt.Rule: record or alert, expr, for,
// labels, annotations, written in that order).

export interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: Rule[];
}

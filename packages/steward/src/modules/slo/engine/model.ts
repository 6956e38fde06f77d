// The one SLO model both spec forms (Sloth prometheus/v1, OpenSLO v1) are read into, and what the
// rule generator takes. It is Sloth's own model, plus the OpenSLO alert conditions and the extras.

export interface SpecProblem {
  file: string;
  line: number;
  column: number;
  /** The field's path in the spec, e.g. `slos[0].objective`. */
  field: string;
  message: string;
}

export interface AlertMeta {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type Sli =
  | { kind: 'events'; errorQuery: string; totalQuery: string }
  | { kind: 'raw'; errorRatioQuery: string; totalQuery?: string };

/** An OpenSLO burn-rate condition: fires when the burn rate over the lookback (and a twelfth of it) passes. */
export interface BurnCondition {
  alertName: string;
  severity: string;
  op: '>' | '>=' | '<' | '<=';
  threshold: number;
  lookbackMs: number;
  alertAfterMs?: number;
  description?: string;
}

export interface Extras {
  /** Alert when the SLI's metrics have been absent this long. */
  absentForMs?: number;
  /** Alerts hold off while the total traffic (the total query) is below this. */
  minTraffic?: number;
}

export interface Slo {
  id: string;
  name: string;
  service: string;
  description: string;
  /** Percent, (0, 100]. */
  objective: number;
  periodMs: number;
  labels: Record<string, string>;
  sli: Sli;
  /** Null: no page (or ticket) alert. */
  page: AlertMeta | null;
  ticket: AlertMeta | null;
  /** OpenSLO alert policies: when present, they replace the page and ticket alerts. */
  conditions: BurnCondition[];
  extras: Extras;
  spec: 'prometheus/v1' | 'openslo/v1';
  mode: 'cli-gen-prom' | 'cli-gen-openslo';
  /** Where the SLO is written, for problems found after reading. */
  at: Omit<SpecProblem, 'message'>;
  /** Where its service is named (`service`, `spec.service`): a spec found beside the catalog belongs to it. */
  serviceAt: Omit<SpecProblem, 'message'>;
}

/** The Sloth release whose output this compiler reproduces (also what `sloth_version` says). */
export const slothVersion = 'v0.12.0';

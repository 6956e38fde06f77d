// The rules a spec's values must follow, shared by both spec forms: Sloth's own validation (names,
// objective, the {{.window}} placeholder, label names) with Steward's positioned messages.
import type { YamlPosition } from '../../../platform/yaml/nodes.ts';
import type { FieldReader } from './spec-fields.ts';

const nameRule = /^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const windowPlaceholder = /{{ *\.window *}}/g;

export function checkName(r: FieldReader, at: YamlPosition, field: string, name: string): void {
  if (name && !nameRule.test(name)) {
    r.problem(
      at,
      field,
      `"${name}" is not a valid name: start and end with a letter or digit; use only letters, digits, ".", "_" and "-"`,
    );
  }
}

export function checkObjective(r: FieldReader, at: YamlPosition, field: string, objective: number): void {
  if (objective > 100 || objective <= 0 || !Number.isFinite(objective)) {
    r.problem(
      at,
      field,
      `${objective} is not a valid objective: it is a percentage above 0 and at most 100 (e.g. 99.9)`,
    );
  }
}

/** A query must say where the window goes, `[{{.window}}]`, and use no other template. */
export function checkQuery(r: FieldReader, at: YamlPosition, field: string, query: string): void {
  if (!query.match(windowPlaceholder)) {
    r.problem(
      at,
      field,
      'must contain the {{.window}} placeholder where the range goes, e.g. rate(http_requests_total[{{.window}}])',
    );
    return;
  }
  if (query.replace(windowPlaceholder, '').includes('{{')) {
    r.problem(at, field, 'holds a template other than {{.window}}; only {{.window}} is replaced');
  }
}

export function checkLabels(
  r: FieldReader,
  at: YamlPosition,
  field: string,
  labels: Record<string, string>,
): void {
  for (const name of Object.keys(labels)) {
    if (!labelName.test(name)) {
      r.problem(
        at,
        `${field}.${name}`,
        `"${name}" is not a Prometheus label name: letters, digits and "_", not starting with a digit`,
      );
    }
  }
}

export function renderWindow(query: string, window: string): string {
  return query.replace(windowPlaceholder, window);
}

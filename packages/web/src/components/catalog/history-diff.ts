// What changed between two versions of an entity, field by field: objects are walked into, and
// lists and plain values compared whole, so `spec.dependsOn` shows as one before/after pair.

export interface FieldChange {
  /** `spec.lifecycle`, `metadata.annotations["steward.dev/tier"]` */
  field: string;
  before: unknown;
  after: unknown;
}

export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const was = flatten(before);
  const is = flatten(after);
  const fields = [...new Set([...was.keys(), ...is.keys()])].sort(byFieldOrder);
  return fields
    .filter((field) => JSON.stringify(was.get(field)) !== JSON.stringify(is.get(field)))
    .map((field) => ({ field, before: was.get(field), after: is.get(field) }));
}

function flatten(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, join(prefix, key), into);
  } else if (prefix !== '' && value !== undefined) {
    into.set(prefix, value);
  }
  return into;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(prefix: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${prefix}[${JSON.stringify(key)}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** metadata before spec before the rest, the way catalog files are written; then alphabetical. */
function byFieldOrder(a: string, b: string): number {
  const rank = (field: string) =>
    ['apiVersion', 'kind', 'metadata', 'spec'].indexOf(field.split(/[.[]/)[0] ?? '');
  const ra = rank(a) === -1 ? 4 : rank(a);
  const rb = rank(b) === -1 ? 4 : rank(b);
  return ra - rb || a.localeCompare(b);
}

/** A value as one short line: strings bare, lists comma-separated, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

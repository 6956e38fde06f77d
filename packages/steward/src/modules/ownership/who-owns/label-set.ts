// Reads a label set written in braces: Prometheus' `{alertname="HighErrorRate",service="checkout"}`
// (values double-quoted, with \" \\ \n escapes) and the same with bare values, as people type
// Kubernetes labels: `{app.kubernetes.io/name=web,team=x}`.

export type LabelSet = Record<string, string>;

export type LabelSetResult = { ok: true; labels: LabelSet } | { ok: false; message: string };

export interface LabelSetSyntax {
  /** Which keys are allowed, and how to say so. */
  key: RegExp;
  keyRule: string;
}

export const prometheusLabelName: LabelSetSyntax = {
  key: /^[a-zA-Z_][a-zA-Z0-9_]*$/,
  keyRule: 'letters, digits and _, not starting with a digit',
};

export const kubernetesLabelKey: LabelSetSyntax = {
  key: /^(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
  keyRule:
    'a name of letters, digits and - _ ., optionally prefixed by a DNS name and / (app.kubernetes.io/name)',
};

/** `text` starts with `{` and ends with `}`; pairs are separated by commas, a trailing one allowed. */
export function parseLabelSet(text: string, syntax: LabelSetSyntax): LabelSetResult {
  if (!text.startsWith('{') || !text.endsWith('}')) return fail('labels go in braces: {name="value",…}');
  // No prototype: a label may be called anything, __proto__ included.
  const labels: LabelSet = Object.create(null);
  let i = 1;
  const end = text.length - 1;
  while (i < end) {
    i = skipSpaces(text, i);
    if (i >= end) break;
    const equals = text.indexOf('=', i);
    if (equals === -1 || equals >= end) return fail(`"${text.slice(i, end)}" has no "=": write name="value"`);
    const key = text.slice(i, equals).trim();
    if (!syntax.key.test(key)) return fail(`"${key}" is not a label name: ${syntax.keyRule}`);
    if (Object.hasOwn(labels, key)) return fail(`label "${key}" is given twice`);
    const value = readValue(text, skipSpaces(text, equals + 1), end);
    if (!value.ok) return value;
    labels[key] = value.value;
    i = skipSpaces(text, value.next);
    if (i < end && text[i] !== ',') return fail(`expected "," or "}" after ${key}="${value.value}"`);
    i++;
  }
  return { ok: true, labels };
}

type ValueResult = { ok: true; value: string; next: number } | { ok: false; message: string };

function readValue(text: string, start: number, end: number): ValueResult {
  if (text[start] !== '"') {
    let stop = start;
    while (stop < end && text[stop] !== ',') stop++;
    return { ok: true, value: text.slice(start, stop).trim(), next: stop };
  }
  let value = '';
  for (let i = start + 1; i < end; i++) {
    const ch = text[i] as string;
    if (ch === '"') return { ok: true, value, next: i + 1 };
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const escaped = text[++i];
    if (escaped === 'n') value += '\n';
    else if (escaped === '"' || escaped === '\\') value += escaped;
    else return fail(`"\\${escaped ?? ''}" is not an escape a label value may use (\\" \\\\ \\n)`);
  }
  return fail(`the value starting ${text.slice(start, start + 20)} has no closing quote`);
}

function skipSpaces(text: string, i: number): number {
  let at = i;
  while (at < text.length && /\s/.test(text[at] as string)) at++;
  return at;
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

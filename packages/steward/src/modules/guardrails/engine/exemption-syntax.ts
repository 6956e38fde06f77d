// Steward's own exemption syntax, one grammar for a comment and an annotation value:
//   # steward:exempt rule=k8s-privileged reason="needs the GPU driver" expires=2026-06-30 approver=@alice container=driver
//   steward.dev/exempt: rule=k8s-host-path,k8s-host-port reason="node agent" expires=2026-06-30 approver=@sec
// `rule` and `reason` are required; `expires` is a date (the last day it holds), `approver` who agreed,
// `container` and `image` (a prefix) narrow it to some containers.

export interface WrittenExemption {
  rules: string[];
  reason: string;
  expires: string | null;
  approver: string | null;
  container: string | null;
  image: string | null;
}

export type ParsedExemption = { ok: true; exemption: WrittenExemption } | { ok: false; message: string };

const fields = new Set(['rule', 'reason', 'expires', 'approver', 'container', 'image']);
const example = 'rule=k8s-privileged reason="why" expires=2026-06-30 approver=@alice';

/** `key=value` pairs, a value either bare (no spaces) or double-quoted (`\"` inside). */
function readPairs(text: string): Map<string, string> | string {
  const pairs = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    const eq = text.indexOf('=', i);
    if (eq === -1) return `"${text.slice(i, i + 40)}" is not key=value`;
    const key = text.slice(i, eq).trim();
    if (!fields.has(key)) return `"${key}" is not an exemption field (use ${[...fields].join(', ')})`;
    i = eq + 1;
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (text[i] !== '"') return `the quoted ${key} is not closed with "`;
      i++;
    } else {
      const end = text.slice(i).search(/[ \t]/);
      value = end === -1 ? text.slice(i) : text.slice(i, i + end);
      i += value.length;
    }
    pairs.set(key, value);
  }
  return pairs;
}

export function parseExemptionText(text: string): ParsedExemption {
  const pairs = readPairs(text.trim());
  if (typeof pairs === 'string') return { ok: false, message: `${pairs}; write ${example}` };
  const rules = (pairs.get('rule') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (rules.length === 0) return { ok: false, message: `an exemption names the rule it exempts: ${example}` };
  const reason = pairs.get('reason')?.trim();
  if (!reason) return { ok: false, message: `an exemption gives its reason: ${example}` };
  const expires = pairs.get('expires') ?? null;
  if (expires !== null && !isDate(expires)) {
    return {
      ok: false,
      message: `expires=${expires} is not a date; write it as YYYY-MM-DD (the last day it holds)`,
    };
  }
  return {
    ok: true,
    exemption: {
      rules,
      reason,
      expires,
      approver: pairs.get('approver') ?? null,
      container: pairs.get('container') ?? null,
      image: pairs.get('image') ?? null,
    },
  };
}

export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

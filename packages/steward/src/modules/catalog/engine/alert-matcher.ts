// Alertmanager's matcher syntax, as `spec.selectors.alerts.matchers` is written: `service=payments`,
// `team=~"pay.*"`. Regexes are RE2, matched against the whole value, as Alertmanager compiles them
// (`^(?:re)$`, so `.` does not match a newline unless the pattern says `(?s)`).
import { compileLinearRegex, type LinearRegex } from '../../../platform/linear-regex.ts';

export interface AlertMatcher {
  label: string;
  operator: '=' | '!=' | '=~' | '!~';
  value: string;
  /** The compiled value of a `=~` or `!~` matcher; null for `=` and `!=`. */
  regex: LinearRegex | null;
}

export type AlertMatcherResult = { ok: true; matcher: AlertMatcher } | { ok: false; message: string };

// Only the head is a RegExp: `\s*(.*?)\s*$` over the whole text backtracks quadratically on a value
// padded with spaces (three seconds for 40,000 of them), so the ends are trimmed by hand.
const head = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)/;
const lineBreak = /[\n\r\u2028\u2029]/;

/** Reads one matcher; the value may be double-quoted. Says what is wrong when it cannot. */
export function parseAlertMatcher(text: string): AlertMatcherResult {
  const trimmed = text.trim();
  const match = head.exec(trimmed);
  if (!match) return { ok: false, message: 'it does not start with a label name and =, !=, =~ or !~' };
  const raw = trimmed.slice(match[0].length).trimStart();
  if (lineBreak.test(raw)) return { ok: false, message: 'it spans more than one line' };
  const [, label, operator] = match as unknown as [string, string, AlertMatcher['operator']];
  let value: unknown = raw;
  if (raw.startsWith('"')) {
    try {
      value = JSON.parse(raw);
    } catch {
      return {
        ok: false,
        message: `its value ${raw} is not a valid double-quoted string (write \\ for \\, \\" for ")`,
      };
    }
  }
  if (typeof value !== 'string') return { ok: false, message: `its value ${raw} is not a string` };
  if (operator !== '=~' && operator !== '!~')
    return { ok: true, matcher: { label, operator, value, regex: null } };
  const compiled = compileLinearRegex(value);
  if (!compiled.ok) return { ok: false, message: compiled.message };
  return { ok: true, matcher: { label, operator, value, regex: compiled.regex } };
}

// Regular expressions written by users (alert matchers in catalog entities, `pattern` in an
// organisation's kind schemas) run on RE2, through re2js, never on V8's RegExp. RE2 matches in time
// linear in the text whatever the pattern; V8 backtracks, and `(a+)+b` against 30 a's holds the event
// loop for seconds, doubling with each character. RE2 is also the dialect Prometheus and Alertmanager
// read matchers in, so a matcher copied from a routing tree means the same here.
import { RE2JS, RE2JSSyntaxException } from 're2js';
import { invalid } from './errors.ts';

export interface LinearRegex {
  readonly pattern: string;
  /** The whole text matches, as `^(?:pattern)$` would: Prometheus' and Alertmanager's `=~`. */
  matchesWhole(text: string): boolean;
  /** Some part of the text matches: JSON Schema's `pattern`. */
  foundIn(text: string): boolean;
}

export type LinearRegexResult = { ok: true; regex: LinearRegex } | { ok: false; message: string };

// Patterns come from catalogs that change over months: keep the compiled ones, but not without bound.
const cacheLimit = 10_000;
const cache = new Map<string, LinearRegexResult>();

/** Compiles `pattern` with RE2's syntax (Go's regexp), or says why it cannot; the same result each time. */
export function compileLinearRegex(pattern: string): LinearRegexResult {
  let result = cache.get(pattern);
  if (result === undefined) {
    result = compile(pattern);
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(pattern, result);
  }
  return result;
}

/** As compileLinearRegex, throwing the `invalid` error for a pattern RE2 does not accept. */
export function linearRegex(pattern: string): LinearRegex {
  const result = compileLinearRegex(pattern);
  if (!result.ok) throw invalid(result.message);
  return result.regex;
}

function compile(pattern: string): LinearRegexResult {
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(pattern);
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) return { ok: false, message: explain(pattern, error) };
    throw error;
  }
  return {
    ok: true,
    regex: {
      pattern,
      matchesWhole: (text) => re2.testExact(text),
      foundIn: (text) => re2.test(text),
    },
  };
}

/** RE2's own description, or for what it leaves out on purpose, what to write instead. */
function explain(pattern: string, error: RE2JSSyntaxException): string {
  const at = error.input ?? '';
  // Quoted as written: JSON's escaping would double every backslash the reader has to find.
  const named = `regex "${pattern}": RE2 (the engine Prometheus and Alertmanager use)`;
  const instead = 'match the text itself (in an alert selector, a separate !~ matcher says "must not match")';
  if (/^\\[1-9k]/.test(at)) {
    return `${named} has no backreferences such as ${at.slice(0, 2)}, as it matches in linear time; write the repeated text out, or list the alternatives with |`;
  }
  if (at.startsWith('(?=') || at.startsWith('(?!'))
    return `${named} has no lookahead (?=…) or (?!…); ${instead}`;
  if (at.startsWith('(?<=') || at.startsWith('(?<!')) {
    return `${named} has no lookbehind (?<=…) or (?<!…); ${instead}`;
  }
  if (at === '\\u') {
    const code = /\\u([0-9a-fA-F]{4})/.exec(pattern)?.[1] ?? '00e9';
    return `${named} has no \\u escape; write \\x{${code}} instead`;
  }
  return `regex "${pattern}": ${error.error}${at === '' ? '' : `: \`${at}\``}`;
}

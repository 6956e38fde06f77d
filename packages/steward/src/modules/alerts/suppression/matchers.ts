// Silence matchers exactly as Alertmanager's: `{name, value, isRegex, isEqual}` (=, !=, =~, !~), a
// regex matched against the whole value (`^(?:re)$`) on RE2 in linear time, and a label the alert
// lacks read as the empty string. The string form (`severity=~"warn|crit"`) is read by the catalog's
// alert-matcher parser, so one syntax means one thing everywhere.

import { type FieldProblem, invalid } from '../../../platform/errors.ts';
import { compileLinearRegex, type LinearRegex } from '../../../platform/linear-regex.ts';
import { parseAlertMatcher } from '../../catalog/index.ts';

/** A matcher as Alertmanager's API v2 writes it, and as Steward stores it. */
export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** False for != and !~. Alertmanager defaults it to true when absent. */
  isEqual: boolean;
}

export interface CompiledMatcher extends Matcher {
  matches(value: string): boolean;
}

// Alertmanager 0.25 holds silence label names to Prometheus' classic rule.
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Compiles one matcher, or says what is wrong with it as `field` (e.g. `body.matchers.1`). */
export function compileMatcher(matcher: Matcher, field: string): CompiledMatcher | FieldProblem {
  const { name, value, isRegex, isEqual } = matcher;
  if (!labelName.test(name)) {
    return {
      field: `${field}.name`,
      message: `label name ${JSON.stringify(name)} must be letters, digits and _, not starting with a digit`,
    };
  }
  let test: (text: string) => boolean = (text) => text === value;
  if (isRegex) {
    const compiled = compileLinearRegex(value);
    if (!compiled.ok) return { field: `${field}.value`, message: compiled.message };
    const regex: LinearRegex = compiled.regex;
    test = (text) => regex.matchesWhole(text);
  }
  return { name, value, isRegex, isEqual, matches: (text) => test(text) === isEqual };
}

/** Reads `service="checkout"` or `severity=~"warn|crit"` into the object form. */
export function parseMatcherText(text: string, field: string): Matcher | FieldProblem {
  const parsed = parseAlertMatcher(text);
  if (!parsed.ok) {
    return {
      field,
      message: `matcher ${JSON.stringify(text)}: ${parsed.message}; write e.g. service="checkout" or severity=~"warn|crit"`,
    };
  }
  const { label, operator, value } = parsed.matcher;
  return { name: label, value, isRegex: operator.endsWith('~'), isEqual: operator.startsWith('=') };
}

/** Each matcher compiled, or every problem at once (400 naming each matcher). */
export function compileMatchers(input: readonly (Matcher | string)[], field: string): CompiledMatcher[] {
  const problems: FieldProblem[] = [];
  const compiled: CompiledMatcher[] = [];
  input.forEach((item, index) => {
    const at = `${field}.${index}`;
    const matcher = typeof item === 'string' ? parseMatcherText(item, at) : item;
    const result = 'field' in matcher ? matcher : compileMatcher(matcher, at);
    if ('field' in result) problems.push(result);
    else compiled.push(result);
  });
  if (problems.length > 0) {
    throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  return compiled;
}

/**
 * Refuses what Alertmanager refuses: no matchers, or only matchers the empty string satisfies (such
 * a silence matches every alert, since a missing label reads as "").
 */
export function assertSilencesSomething(matchers: readonly CompiledMatcher[], field: string): void {
  if (matchers.length === 0) {
    throw invalid(`${field}: a silence needs at least one matcher, e.g. service="checkout"`, [
      { field, message: 'at least one matcher is required' },
    ]);
  }
  if (matchers.every((m) => m.matches(''))) {
    throw invalid(
      `${field}: every matcher also matches an alert without that label, so this would silence every alert; add one that needs a value, e.g. service="checkout"`,
      [{ field, message: 'at least one matcher must not match the empty string' }],
    );
  }
}

/**
 * Whether every matcher matches the labels, as Alertmanager decides: a missing label is the empty
 * string. Stored (uncompiled) matchers are compiled here; one that no longer compiles matches nothing.
 */
export function matchesAll(
  matchers: readonly (Matcher | CompiledMatcher)[],
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const matcher of matchers) {
    const compiled = 'matches' in matcher ? matcher : compileMatcher(matcher, 'matcher');
    if ('field' in compiled) return false;
    // Own properties only: a label called `constructor` is not Object.prototype's.
    const value = Object.hasOwn(labels, matcher.name) ? (labels[matcher.name] ?? '') : '';
    if (!compiled.matches(value)) return false;
  }
  return true;
}

/** The Alertmanager string form of a matcher, for lists and the CLI: `severity=~"warn|crit"`. */
export function matcherText(matcher: Matcher): string {
  const operator = `${matcher.isEqual ? '=' : '!'}${matcher.isRegex ? '~' : '='}`;
  return `${matcher.name}${operator === '==' ? '=' : operator}${JSON.stringify(matcher.value)}`;
}

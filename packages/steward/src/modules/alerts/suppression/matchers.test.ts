// Silence matchers mean what they mean in Alertmanager (silence.go, labels.Matcher): =, !=, =~, !~,
// regexes anchored to the whole value, a label the alert lacks read as "", and a silence that would
// match every alert refused.
import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../platform/errors.ts';
import {
  assertSilencesSomething,
  compileMatchers,
  type Matcher,
  matcherText,
  matchesAll,
  parseMatcherText,
} from './matchers.ts';

const m = (text: string) => compileMatchers([text], 'matchers');
const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error as StewardError;
  }
  throw new Error('expected a refusal');
};

describe('matching labels as Alertmanager does', () => {
  it('= and != compare the whole value', () => {
    expect(matchesAll(m('service="checkout"'), { service: 'checkout' })).toBe(true);
    expect(matchesAll(m('service="checkout"'), { service: 'checkout-eu' })).toBe(false);
    expect(matchesAll(m('service!="checkout"'), { service: 'search' })).toBe(true);
    expect(matchesAll(m('service!="checkout"'), { service: 'checkout' })).toBe(false);
  });

  it('=~ and !~ match the whole value: warn|crit is ^(?:warn|crit)$, so warning is not warn', () => {
    const regex = m('severity=~"warn|crit"');
    expect(matchesAll(regex, { severity: 'warn' })).toBe(true);
    expect(matchesAll(regex, { severity: 'crit' })).toBe(true);
    expect(matchesAll(regex, { severity: 'warning' })).toBe(false);
    expect(matchesAll(regex, { severity: 'critical' })).toBe(false);
    expect(matchesAll(m('severity!~"warn|crit"'), { severity: 'critical' })).toBe(true);
    expect(matchesAll(m('severity!~"warn|crit"'), { severity: 'crit' })).toBe(false);
  });

  it('reads a missing label as the empty string', () => {
    expect(matchesAll(m('team=""'), {})).toBe(true);
    expect(matchesAll(m('team!="payments"'), {})).toBe(true);
    expect(matchesAll(m('team=~".*"'), {})).toBe(true);
    expect(matchesAll(m('team=~".+"'), {})).toBe(false);
    expect(matchesAll(m('team!~".+"'), {})).toBe(true);
    // Not Object.prototype's constructor: an alert without that label has it empty.
    expect(matchesAll(m('constructor!=""'), {})).toBe(false);
  });

  it('needs every matcher to match', () => {
    const both = compileMatchers(['service="checkout"', 'severity=~"crit|page"'], 'matchers');
    expect(matchesAll(both, { service: 'checkout', severity: 'page' })).toBe(true);
    expect(matchesAll(both, { service: 'checkout', severity: 'info' })).toBe(false);
    expect(matchesAll(both, { service: 'search', severity: 'page' })).toBe(false);
  });

  it('does not let . match a newline, as Go regexp without (?s)', () => {
    expect(matchesAll(m('summary=~"disk.full"'), { summary: 'disk full' })).toBe(true);
    expect(matchesAll(m('summary=~"disk.full"'), { summary: 'disk\nfull' })).toBe(false);
  });

  it('matches stored (uncompiled) matchers the same way, isEqual false meaning != and !~', () => {
    const stored: Matcher[] = [
      { name: 'env', value: 'prod|staging', isRegex: true, isEqual: true },
      { name: 'service', value: 'search', isRegex: false, isEqual: false },
    ];
    expect(matchesAll(stored, { env: 'prod', service: 'checkout' })).toBe(true);
    expect(matchesAll(stored, { env: 'production', service: 'checkout' })).toBe(false);
    expect(matchesAll(stored, { env: 'prod', service: 'search' })).toBe(false);
  });
});

describe('the string form', () => {
  it('reads each operator, quoted or not, into the object form and back', () => {
    expect(parseMatcherText('severity=~"warn|crit"', 'm')).toEqual({
      name: 'severity',
      value: 'warn|crit',
      isRegex: true,
      isEqual: true,
    });
    expect(parseMatcherText('service!=checkout', 'm')).toEqual({
      name: 'service',
      value: 'checkout',
      isRegex: false,
      isEqual: false,
    });
    expect(parseMatcherText('env !~ "dev.*"', 'm')).toMatchObject({ isRegex: true, isEqual: false });
    expect(matcherText({ name: 'env', value: 'dev.*', isRegex: true, isEqual: false })).toBe('env!~"dev.*"');
    expect(matcherText({ name: 'a', value: 'b"c', isRegex: false, isEqual: true })).toBe('a="b\\"c"');
  });

  it('names each bad matcher by its place, all at once', () => {
    const error = refusal(() =>
      compileMatchers(
        [
          'service="ok"',
          { name: 'svc', value: '(a', isRegex: true, isEqual: true },
          'no operator here',
          {
            name: '1abc',
            value: 'x',
            isRegex: false,
            isEqual: true,
          },
        ],
        'body.matchers',
      ),
    );
    expect(error).toBeInstanceOf(StewardError);
    expect(error.kind).toBe('invalid');
    expect(error.problems.map((p) => p.field)).toEqual([
      'body.matchers.1.value',
      'body.matchers.2',
      'body.matchers.3.name',
    ]);
    expect(error.message).toContain('body.matchers.1.value');
  });

  it('refuses what RE2 cannot run in linear time, saying why', () => {
    const error = refusal(() => compileMatchers(['host=~"(a)\\\\1"'], 'body.matchers'));
    expect(error.problems[0]?.field).toBe('body.matchers.0');
    expect(error.message).toContain('backreferences');
  });
});

describe('refusing a silence that would silence everything', () => {
  const refused = (...texts: string[]) =>
    refusal(() => assertSilencesSomething(compileMatchers(texts, 'body.matchers'), 'body.matchers'));

  it('refuses no matchers, and matchers that all match the empty string', () => {
    expect(refused().message).toContain('at least one matcher');
    for (const texts of [['team=""'], ['team=~".*"'], ['team!="payments"'], ['a!~"x"', 'b=~"y|"']]) {
      const error = refused(...texts);
      expect(error.kind).toBe('invalid');
      expect(error.problems[0]?.message).toBe('at least one matcher must not match the empty string');
    }
  });

  it('accepts a silence with one matcher that needs a value', () => {
    for (const texts of [['team=~".+"'], ['team=""', 'service="checkout"'], ['service!~""']]) {
      expect(() => assertSilencesSomething(compileMatchers(texts, 'm'), 'm')).not.toThrow();
    }
  });
});

// The wrapper every user-written regex goes through: RE2 semantics (whole-text and anywhere), one
// compiled object per pattern, and messages that say what RE2 lacks and what to write instead.
import { describe, expect, it } from 'vitest';
import { compileLinearRegex, linearRegex } from './linear-regex.ts';

const compiled = (pattern: string) => {
  const result = compileLinearRegex(pattern);
  if (!result.ok) throw new Error(result.message);
  return result.regex;
};

describe('linear regexes', () => {
  it('matches the whole text, as Prometheus and Alertmanager matchers do, alternation included', () => {
    expect(compiled('pay.*').matchesWhole('payments')).toBe(true);
    expect(compiled('pay').matchesWhole('payments')).toBe(false);
    expect(compiled('ments').matchesWhole('payments')).toBe(false);
    // Anchoring applies to the whole alternation, not to its first and last branches.
    expect(compiled('a|ab').matchesWhole('ab')).toBe(true);
    expect(compiled('x|pay').matchesWhole('payments')).toBe(false);
    expect(compiled('').matchesWhole('')).toBe(true);
  });

  it('finds the pattern anywhere, as JSON Schema reads `pattern`', () => {
    expect(compiled('ment').foundIn('payments')).toBe(true);
    expect(compiled('^ment').foundIn('payments')).toBe(false);
    expect(compiled('^[a-z]+$').foundIn('payments')).toBe(true);
  });

  it('reads RE2 syntax: classes, flags, Unicode groups, and one code point per `.`', () => {
    expect(compiled('[[:alpha:]]+').matchesWhole('abc')).toBe(true);
    expect(compiled('(?i)PAY').matchesWhole('pay')).toBe(true);
    expect(compiled(String.raw`\p{Greek}+`).matchesWhole('αβγ')).toBe(true);
    expect(compiled(String.raw`\x{41}`).matchesWhole('A')).toBe(true);
    expect(compiled('.').matchesWhole('😀')).toBe(true);
  });

  it('does not let `.` match a newline unless the pattern says (?s), as Alertmanager compiles it', () => {
    expect(compiled('a.c').matchesWhole('a\nc')).toBe(false);
    expect(compiled('(?s)a.c').matchesWhole('a\nc')).toBe(true);
  });

  it('compiles a pattern once and hands the same object back', () => {
    expect(compiled('cached-[0-9]+')).toBe(compiled('cached-[0-9]+'));
  });

  it('says what RE2 lacks and what to write instead, naming the pattern', () => {
    const message = (pattern: string) => {
      const result = compileLinearRegex(pattern);
      return result.ok ? 'compiled' : result.message;
    };
    expect(message(String.raw`(a)\1`)).toMatch(
      /^regex "\(a\)\\1": RE2 .* has no backreferences such as \\1.*; write/,
    );
    expect(message(String.raw`(?<n>a)\k<n>`)).toMatch(/has no backreferences such as \\k/);
    expect(message('(?=a)a')).toMatch(
      /^regex "\(\?=a\)a": RE2 .* has no lookahead .*; match the text itself/,
    );
    expect(message('(?!a).')).toMatch(/has no lookahead/);
    expect(message('(?<=a)b')).toMatch(/has no lookbehind/);
    expect(message('(?<!a)b')).toMatch(/has no lookbehind/);
    expect(message(String.raw`\u00e9`)).toMatch(/write \\x\{00e9\} instead/);
    expect(message('(unclosed')).toBe('regex "(unclosed": missing closing ): `(unclosed`');
    expect(message('a{2000}')).toMatch(/invalid repeat count/);
  });

  it('throws the invalid error from linearRegex, for callers that stop at the first problem', () => {
    expect(() => linearRegex('(?=x)')).toThrow(/lookahead/);
    expect(linearRegex('x+').matchesWhole('xx')).toBe(true);
  });
});

// Alertmanager's matcher syntax, read as before the parser stopped using one backtracking RegExp:
// spaces around the operator and the value, quoted values with escapes, one line only.
import { describe, expect, it } from 'vitest';
import { parseAlertMatcher } from './alert-matcher.ts';

const read = (text: string) => {
  const parsed = parseAlertMatcher(text);
  return parsed.ok ? { ...parsed.matcher, regex: parsed.matcher.regex?.pattern ?? null } : parsed.message;
};

describe('alert matchers', () => {
  it('reads each operator, with spaces around the operator and the value', () => {
    expect(read('service=payments')).toEqual({
      label: 'service',
      operator: '=',
      value: 'payments',
      regex: null,
    });
    expect(read('  env != prod  ')).toEqual({ label: 'env', operator: '!=', value: 'prod', regex: null });
    expect(read('team=~ pay.* ')).toEqual({ label: 'team', operator: '=~', value: 'pay.*', regex: 'pay.*' });
    expect(read('env!~"dev|test"')).toEqual({
      label: 'env',
      operator: '!~',
      value: 'dev|test',
      regex: 'dev|test',
    });
    expect(read('note=')).toEqual({ label: 'note', operator: '=', value: '', regex: null });
  });

  it('unquotes a double-quoted value, escapes included', () => {
    expect(read(String.raw`path=~"a\\.b \"x\""`)).toMatchObject({ value: String.raw`a\.b "x"` });
    expect(read(String.raw`path="a\qb"`)).toMatch(/not a valid double-quoted string/);
  });

  it('says what is wrong with what is not a matcher', () => {
    expect(read('9lives=x')).toBe('it does not start with a label name and =, !=, =~ or !~');
    expect(read('service')).toBe('it does not start with a label name and =, !=, =~ or !~');
    expect(read('service=pay\nments')).toBe('it spans more than one line');
    expect(read('service=~(a)\\1')).toMatch(/has no backreferences/);
  });
});

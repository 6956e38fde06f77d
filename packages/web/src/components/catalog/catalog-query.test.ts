import { describe, expect, it } from 'vitest';
import { fullOwnerRef, isSelected, readFilters, withFilter, writeFilters } from './catalog-query.ts';

describe('catalog filters in the query string', () => {
  it('reads the known filters, trimmed, and ignores the rest', () => {
    expect(readFilters('?owner=payments&kind=component&q=%20checkout%20&page=3&tier=')).toEqual({
      owner: 'payments',
      kind: 'component',
      q: 'checkout',
    });
    expect(readFilters('')).toEqual({});
  });

  it('writes them in one order whatever order they were chosen in, owners short for teams', () => {
    const a = writeFilters({ q: 'pay', owner: 'group:default/payments', kind: 'api' });
    const b = writeFilters({ kind: 'api', owner: 'payments', q: 'pay' });
    expect(a).toBe('?kind=api&owner=payments&q=pay');
    expect(b).toBe(a);
    expect(writeFilters({ owner: 'user:default/amara' })).toBe('?owner=user%3Adefault%2Famara');
    expect(writeFilters({})).toBe('');
  });

  it('round-trips words and symbols', () => {
    const filters = { q: 'a&b = c?', tag: 'tier-1' };
    expect(readFilters(writeFilters(filters))).toEqual(filters);
  });

  it('adds, replaces and removes one filter, leaving the others', () => {
    const start = { kind: 'component', owner: 'payments' };
    expect(withFilter(start, 'kind', 'api')).toEqual({ kind: 'api', owner: 'payments' });
    expect(withFilter(start, 'kind', undefined)).toEqual({ owner: 'payments' });
    expect(start).toEqual({ kind: 'component', owner: 'payments' });
  });

  it('reads an owner the way the API does: a bare name is a group in the default namespace', () => {
    expect(fullOwnerRef('payments')).toBe('group:default/payments');
    expect(fullOwnerRef('group:payments')).toBe('group:default/payments');
    expect(fullOwnerRef('User:Ops/Amara')).toBe('user:ops/amara');
    expect(isSelected({ owner: 'payments' }, 'owner', 'group:default/payments')).toBe(true);
    expect(isSelected({ owner: 'payments' }, 'owner', 'group:default/data')).toBe(false);
    expect(isSelected({ tier: '1' }, 'tier', '1')).toBe(true);
    expect(isSelected({}, 'tier', '1')).toBe(false);
  });
});

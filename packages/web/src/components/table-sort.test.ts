import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './table-sort.ts';

describe('sortRows', () => {
  it('orders text by its letters regardless of case, and numbers inside text by value', () => {
    const names = ['beta', 'Alpha', 'item 10', 'item 9', 'gamma'];
    expect(sortRows(names, (n) => n, 'ascending')).toEqual(['Alpha', 'beta', 'gamma', 'item 9', 'item 10']);
    expect(sortRows(names, (n) => n, 'descending')).toEqual(['item 10', 'item 9', 'gamma', 'beta', 'Alpha']);
  });

  it('orders numbers as numbers, not as text', () => {
    expect(sortRows([10, 9, 100, 0], (n) => n, 'ascending')).toEqual([0, 9, 10, 100]);
  });

  it('puts empty values last in both directions', () => {
    const rows = [{ v: 'b' }, { v: null }, { v: 'a' }, { v: '' }];
    expect(sortRows(rows, (r) => r.v, 'ascending').map((r) => r.v)).toEqual(['a', 'b', null, '']);
    expect(sortRows(rows, (r) => r.v, 'descending').map((r) => r.v)).toEqual(['b', 'a', null, '']);
  });

  it('keeps the given order among equal values, and leaves its input alone', () => {
    const rows = [
      { team: 'x', name: 'one' },
      { team: 'y', name: 'two' },
      { team: 'x', name: 'three' },
    ];
    const sorted = sortRows(rows, (r) => r.team, 'ascending');
    expect(sorted.map((r) => r.name)).toEqual(['one', 'three', 'two']);
    expect(rows.map((r) => r.name)).toEqual(['one', 'two', 'three']);
  });
});

describe('nextSort', () => {
  it('sorts a new column ascending and flips the current one', () => {
    expect(nextSort(null, 'name')).toEqual({ column: 'name', direction: 'ascending' });
    expect(nextSort({ column: 'name', direction: 'ascending' }, 'name')).toEqual({
      column: 'name',
      direction: 'descending',
    });
    expect(nextSort({ column: 'name', direction: 'descending' }, 'name')).toEqual({
      column: 'name',
      direction: 'ascending',
    });
    expect(nextSort({ column: 'name', direction: 'descending' }, 'kind')).toEqual({
      column: 'kind',
      direction: 'ascending',
    });
  });
});

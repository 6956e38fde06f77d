import { describe, expect, it } from 'vitest';
import {
  filtersFromSearch,
  fromLocalInput,
  hasFilters,
  noFilters,
  searchOfFilters,
  toLocalInput,
} from './audit-filters.ts';

describe('audit filters in the query string', () => {
  it('reads the filters it knows, trimmed, and ignores the rest', () => {
    const filters = filtersFromSearch(
      '?actor=%20ada%20&action=team.update&since=2026-01-31T09%3A00%3A00.000Z&x=1',
    );
    expect(filters).toEqual({
      ...noFilters,
      actor: 'ada',
      action: 'team.update',
      since: '2026-01-31T09:00:00.000Z',
    });
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters(filtersFromSearch(''))).toBe(false);
  });

  it('writes only the filters that are set, and nothing at all for none', () => {
    expect(searchOfFilters(noFilters)).toBe('');
    expect(searchOfFilters({ ...noFilters, subjectType: 'team', subjectId: 'payments & co' })).toBe(
      '?subjectType=team&subjectId=payments+%26+co',
    );
    const filters = { ...noFilters, actor: 'system:first-start', until: '2026-02-01T00:00:00.000Z' };
    expect(filtersFromSearch(searchOfFilters(filters))).toEqual(filters);
  });
});

describe('audit times between ISO and a datetime-local input', () => {
  it('turns a local time into the same instant and back, to the minute', () => {
    const iso = fromLocalInput('2026-01-31T09:30');
    // The instant is 09:30 wherever the test runs, read back in that same local time.
    const date = new Date(iso);
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()]).toEqual(
      [2026, 0, 31, 9, 30],
    );
    expect(toLocalInput(iso)).toBe('2026-01-31T09:30');
  });

  it('leaves empty and unreadable values empty', () => {
    expect(fromLocalInput('')).toBe('');
    expect(fromLocalInput('soon')).toBe('');
    expect(toLocalInput('')).toBe('');
    expect(toLocalInput('not a time')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { alertFiltersFromSearch, searchOfAlertFilters } from './alert-filters.ts';

describe('alert filters in the link', () => {
  it('reads the three filters and leaves the missing ones empty', () => {
    expect(alertFiltersFromSearch('?status=triggered&team=%20payments%20')).toEqual({
      status: 'triggered',
      service: '',
      team: 'payments',
    });
  });

  it('writes only the filters set, and nothing at all when none is', () => {
    expect(searchOfAlertFilters({ status: '', service: 'component:checkout', team: '' })).toBe(
      '?service=component%3Acheckout',
    );
    expect(searchOfAlertFilters({ status: ' ', service: '', team: '' })).toBe('');
  });
});

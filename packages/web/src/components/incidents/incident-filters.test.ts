import { describe, expect, it } from 'vitest';
import { incidentFiltersFromSearch, searchOfIncidentFilters } from './incident-filters.ts';

describe('incident filters in the link', () => {
  it('reads the four filters, trimmed, and leaves the missing ones empty', () => {
    expect(incidentFiltersFromSearch('?severity=SEV1&service=%20checkout-api%20')).toEqual({
      state: '',
      severity: 'SEV1',
      team: '',
      service: 'checkout-api',
    });
  });

  it('writes only the filters set, and nothing at all when none is', () => {
    expect(
      searchOfIncidentFilters({ state: 'post-incident', severity: '', team: 'group:payments', service: '' }),
    ).toBe('?state=post-incident&team=group%3Apayments');
    expect(searchOfIncidentFilters({ state: '', severity: ' ', team: '', service: '' })).toBe('');
  });
});

// The guardrails pages' filters as the pages keep them: in the query string, so a filtered view is a
// link to share (`/guardrails?team=payments&severity=high`).

export interface GuardrailsFilterValues {
  team: string;
  service: string;
  target: string;
  severity: string;
}

const names = ['team', 'service', 'target', 'severity'] as const;

export function guardrailsFiltersFromSearch(search: string): GuardrailsFilterValues {
  const params = new URLSearchParams(search);
  return {
    team: params.get('team')?.trim() ?? '',
    service: params.get('service')?.trim() ?? '',
    target: params.get('target')?.trim() ?? '',
    severity: params.get('severity')?.trim() ?? '',
  };
}

/** The query string, `?` included, or '' when no filter is set. */
export function searchOfGuardrailsFilters(filters: Partial<GuardrailsFilterValues>): string {
  const params = new URLSearchParams();
  for (const name of names) {
    const value = filters[name]?.trim() ?? '';
    if (value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

// The incident list's filters as the page keeps them: in the query string, so a filtered view is a
// link to share (`/incidents?state=active&team=payments`).

export interface IncidentFilterValues {
  state: string;
  severity: string;
  team: string;
  service: string;
}

const names = ['state', 'severity', 'team', 'service'] as const;

export function incidentFiltersFromSearch(search: string): IncidentFilterValues {
  const params = new URLSearchParams(search);
  const read = (name: (typeof names)[number]) => params.get(name)?.trim() ?? '';
  return { state: read('state'), severity: read('severity'), team: read('team'), service: read('service') };
}

/** The query string, `?` included, or '' when no filter is set. */
export function searchOfIncidentFilters(filters: IncidentFilterValues): string {
  const params = new URLSearchParams();
  for (const name of names) if (filters[name].trim() !== '') params.set(name, filters[name].trim());
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

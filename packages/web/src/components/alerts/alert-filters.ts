// The alerts list's filters as the page keeps them: in the query string, so a filtered view is a link
// to share (`/alerts?status=triggered&team=payments`).

export interface AlertFilterValues {
  status: string;
  service: string;
  team: string;
}

const names = ['status', 'service', 'team'] as const;

export function alertFiltersFromSearch(search: string): AlertFilterValues {
  const params = new URLSearchParams(search);
  return {
    status: params.get('status')?.trim() ?? '',
    service: params.get('service')?.trim() ?? '',
    team: params.get('team')?.trim() ?? '',
  };
}

/** The query string, `?` included, or '' when no filter is set. */
export function searchOfAlertFilters(filters: AlertFilterValues): string {
  const params = new URLSearchParams();
  for (const name of names) if (filters[name].trim() !== '') params.set(name, filters[name].trim());
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

// The audit log's filters as the page keeps them: in the query string (so a filtered view is a link
// to share), times there in ISO 8601 (the same instant in every time zone), shown in local time.

export interface AuditFilters {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** ISO 8601, or '' for no bound. */
  since: string;
  until: string;
}

export const filterNames = ['actor', 'action', 'subjectType', 'subjectId', 'since', 'until'] as const;

export const noFilters: AuditFilters = {
  actor: '',
  action: '',
  subjectType: '',
  subjectId: '',
  since: '',
  until: '',
};

export function filtersFromSearch(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const filters = { ...noFilters };
  for (const name of filterNames) filters[name] = params.get(name)?.trim() ?? '';
  return filters;
}

/** The query string for these filters, `?` included, or '' when none is set. */
export function searchOfFilters(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name].trim();
    if (value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function hasFilters(filters: AuditFilters): boolean {
  return filterNames.some((name) => filters[name] !== '');
}

/** An ISO instant as a `datetime-local` input shows it: local time, to the minute. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (iso === '' || Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (local time) as an ISO instant; '' stays ''. */
export function fromLocalInput(local: string): string {
  if (local === '') return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

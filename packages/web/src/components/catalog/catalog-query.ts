// The catalog page's filters as a query string, so a filtered list is a link people can share:
// `?owner=payments&kind=component&q=checkout`. Owners are written short when they are teams.
import type { EntityFilters } from '../../api/catalog.ts';

export const facetNames = ['kind', 'owner', 'tier', 'lifecycle', 'tag'] as const;
export type FacetName = (typeof facetNames)[number];
const filterNames = [...facetNames, 'q'] as const;

export function readFilters(search: string): EntityFilters {
  const params = new URLSearchParams(search);
  const filters: EntityFilters = {};
  for (const name of filterNames) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** `?kind=component&owner=payments`, in a fixed order so equal filters give equal links; '' for none. */
export function writeFilters(filters: EntityFilters): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name]?.trim();
    if (value) params.set(name, name === 'owner' ? shortOwner(value) : value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function withFilter(filters: EntityFilters, name: FacetName | 'q', value: string | undefined) {
  const next: EntityFilters = { ...filters };
  if (value) next[name] = value;
  else delete next[name];
  return next;
}

/** `payments` and `group:payments` mean `group:default/payments`, the form the facets count under. */
export function fullOwnerRef(owner: string): string {
  const lower = owner.trim().toLowerCase();
  const colon = lower.indexOf(':');
  const kind = colon > 0 ? lower.slice(0, colon) : 'group';
  const rest = colon > 0 ? lower.slice(colon + 1) : lower;
  return rest.includes('/') ? `${kind}:${rest}` : `${kind}:default/${rest}`;
}

export function shortOwner(owner: string): string {
  const full = fullOwnerRef(owner);
  return full.startsWith('group:default/') ? full.slice('group:default/'.length) : full;
}

export function isSelected(filters: EntityFilters, facet: FacetName, value: string): boolean {
  const chosen = filters[facet];
  if (chosen === undefined) return false;
  return facet === 'owner' ? fullOwnerRef(chosen) === fullOwnerRef(value) : chosen === value;
}

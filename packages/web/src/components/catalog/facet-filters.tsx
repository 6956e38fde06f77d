// The catalog's facets: for kind, owner, tier, lifecycle and tag, the values the current filters
// leave, each with how many entities have it; choosing one narrows the list, choosing it again clears it.
import { useState } from 'react';
import type { EntityFilters, EntityList } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { type FacetName, facetNames, isSelected, withFilter, writeFilters } from './catalog-query.ts';
import { useOwnerName } from './team-names.tsx';

const headings: Record<FacetName, string> = {
  kind: 'Kind',
  owner: 'Owner',
  tier: 'Tier',
  lifecycle: 'Lifecycle',
  tag: 'Tag',
};
const shownAtFirst = 8;

export function FacetFilters({ facets, filters }: { facets: EntityList['facets']; filters: EntityFilters }) {
  return (
    <nav className="facets" aria-label="Filters">
      {facetNames.map((facet) => (
        <FacetGroup key={facet} facet={facet} counts={facets[facet]} filters={filters} />
      ))}
    </nav>
  );
}

function FacetGroup({
  facet,
  counts,
  filters,
}: {
  facet: FacetName;
  counts: Record<string, number>;
  filters: EntityFilters;
}) {
  const [expanded, setExpanded] = useState(false);
  const label = useFacetLabel(facet);
  const values = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = expanded ? values : values.slice(0, shownAtFirst);
  const chosen = filters[facet];
  const href = (value: string | undefined) => `/catalog${writeFilters(withFilter(filters, facet, value))}`;
  return (
    <section className="facet" aria-labelledby={`facet-${facet}`}>
      <h2 id={`facet-${facet}`} className="facet__heading">
        {headings[facet]}
        {chosen && (
          <Link href={href(undefined)} className="facet__clear" aria-label={`Any ${facet}`}>
            clear
          </Link>
        )}
      </h2>
      {values.length === 0 && <p className="facet__none">None</p>}
      <ul className="facet__list">
        {shown.map(([value, count]) => {
          const selected = isSelected(filters, facet, value);
          return (
            <li key={value}>
              <Link
                href={href(selected ? undefined : value)}
                className="facet__value"
                aria-current={selected ? 'true' : undefined}
              >
                <span className="facet__label">{label(value)}</span>
                <span className="facet__count">{count}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      {values.length > shownAtFirst && (
        <button type="button" className="facet__more" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${values.length}`}
        </button>
      )}
    </section>
  );
}

function useFacetLabel(facet: FacetName): (value: string) => string {
  const ownerName = useOwnerName();
  if (facet === 'owner') return ownerName;
  if (facet === 'tier') return (value) => `Tier ${value}`;
  return (value) => value;
}

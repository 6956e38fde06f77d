// The catalog: search and facet filters over every entity, kept in the query string so a filtered
// list can be shared; the results a page at a time.
import { useCallback, useRef } from 'react';
import { type EntityList, listEntities } from '../api/catalog.ts';
import { useResource } from '../api/use-resource.ts';
import { readFilters, withFilter, writeFilters } from '../components/catalog/catalog-query.ts';
import { CatalogSearch } from '../components/catalog/catalog-search.tsx';
import { CatalogTabs } from '../components/catalog/catalog-tabs.tsx';
import { catalogPageSize, EntityResults } from '../components/catalog/entity-results.tsx';
import { FacetFilters } from '../components/catalog/facet-filters.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { useReloadOnCatalogChange } from '../live/live-reload.ts';
import { navigate, useSearch } from '../router.tsx';

export function CatalogPage() {
  const filters = readFilters(useSearch());
  const link = writeFilters(filters);
  const list = useResource(`entities${link}`, () => listEntities(filters, { limit: catalogPageSize }));
  useReloadOnCatalogChange(list.reload);
  // While the next filters load, the previous answer stays in view (dimmed) instead of flashing away.
  const shown = useRef<{ link: string; data: EntityList } | null>(null);
  if (list.state === 'ready') shown.current = { link, data: list.data };

  const search = useCallback(
    (q: string) =>
      navigate(`/catalog${writeFilters(withFilter(readFilters(link), 'q', q))}`, {
        replace: true,
        keepScroll: true,
      }),
    [link],
  );

  return (
    <>
      <PageHeader
        title="Catalog"
        subtitle="Every service, system, API and resource described as code, with who owns it."
      />
      <CatalogTabs current="/catalog" />
      <div className="catalog">
        <div className="catalog__side">
          {shown.current && <FacetFilters facets={shown.current.data.facets} filters={filters} />}
        </div>
        <div className="catalog__main" aria-busy={list.state === 'loading'}>
          <CatalogSearch value={filters.q ?? ''} onSearch={search} />
          {list.state === 'failed' && <ProblemMessage error={list.error} onRetry={list.reload} />}
          {list.state === 'loading' && !shown.current && <p className="loading">Loading the catalog…</p>}
          {shown.current && list.state !== 'failed' && (
            <div className={list.state === 'loading' ? 'is-stale' : undefined}>
              <EntityResults
                key={shown.current.link}
                firstPage={shown.current.data}
                filters={readFilters(shown.current.link)}
              />
            </div>
          )}
        </div>
      </div>
    </>
  );
}

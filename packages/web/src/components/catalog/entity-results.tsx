// The matching entities, a page at a time: the first page comes with the facets, "Load more"
// follows the cursor the API gave for the page before.
import { useState } from 'react';
import { type EntityFilters, type EntityList, type EntitySummary, listEntities } from '../../api/catalog.ts';
import type { ApiError } from '../../api/http.ts';
import { asApiError } from '../../api/use-resource.ts';
import { Link } from '../../router.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { EntityTable } from './entity-table.tsx';

export const catalogPageSize = 50;

/** Keyed by the filters: a new search starts again from its own first page. */
export function EntityResults({ firstPage, filters }: { firstPage: EntityList; filters: EntityFilters }) {
  const filtered = Object.keys(filters).length > 0;
  const [more, setMore] = useState<EntitySummary[]>([]);
  const [cursor, setCursor] = useState(firstPage.nextCursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // A live reload brings a new first page; what "Load more" added stays, without repeating an entity.
  const entities = [...new Map([...firstPage.items, ...more].map((entity) => [entity.ref, entity])).values()];
  const total = Object.values(firstPage.facets.kind).reduce((sum, count) => sum + count, 0);

  const loadMore = async () => {
    if (!cursor) return;
    setBusy(true);
    setError(null);
    try {
      const page = await listEntities(filters, { limit: catalogPageSize, cursor });
      setMore((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  if (entities.length === 0) {
    return (
      <p className="empty card">
        No entity matches these filters. {filtered && <Link href="/catalog">Clear all filters</Link>}
      </p>
    );
  }
  return (
    <>
      <p className="results-count" aria-live="polite">
        Showing <strong>{entities.length}</strong> of <strong>{total}</strong>{' '}
        {total === 1 ? 'entity' : 'entities'}
        {filtered && (
          <>
            {' · '}
            <Link href="/catalog">Clear all filters</Link>
          </>
        )}
      </p>
      <EntityTable entities={entities} />
      {error && <ProblemMessage error={error} />}
      {cursor && (
        <div className="more">
          <button type="button" className="button button--secondary" onClick={loadMore} disabled={busy}>
            {busy ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}

// Entities as a table: name (linked to its page), kind, owner, tier, lifecycle and description.
import type { EntitySummary } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { type Column, DataTable } from '../data-table.tsx';
import { KindBadge, LifecycleBadge, TierBadge } from './entity-badges.tsx';
import { entityHref } from './entity-refs.ts';
import { OwnerLink } from './team-names.tsx';

const columns: Column<EntitySummary>[] = [
  {
    id: 'name',
    header: 'Name',
    className: 'entity-cell',
    sortValue: (entity) => entity.title ?? entity.name,
    cell: (entity) => (
      <>
        <Link href={entityHref(entity)} className="entity-cell__name">
          {entity.title ?? entity.name}
        </Link>
        {(entity.title || entity.namespace !== 'default') && (
          <span className="entity-cell__ref">
            {entity.namespace === 'default' ? entity.name : `${entity.namespace}/${entity.name}`}
          </span>
        )}
      </>
    ),
  },
  {
    id: 'kind',
    header: 'Kind',
    sortValue: (entity) => entity.kind,
    cell: (entity) => <KindBadge kind={entity.kind} />,
  },
  {
    id: 'owner',
    header: 'Owner',
    className: 'entity-cell__owner',
    sortValue: (entity) => entity.owner,
    cell: (entity) => (entity.owner ? <OwnerLink owner={entity.owner} /> : <span className="muted">—</span>),
  },
  {
    id: 'tier',
    header: 'Tier',
    sortValue: (entity) => entity.tier,
    cell: (entity) => <TierBadge tier={entity.tier} />,
  },
  {
    id: 'lifecycle',
    header: 'Lifecycle',
    sortValue: (entity) => entity.lifecycle,
    cell: (entity) => <LifecycleBadge lifecycle={entity.lifecycle} />,
  },
  {
    id: 'description',
    header: 'Description',
    className: 'entity-cell__description',
    cell: (entity) => entity.description ?? '',
  },
];

/** In the order given (the search's); a header click sorts the rows loaded so far. */
export function EntityTable({ entities }: { entities: EntitySummary[] }) {
  return (
    <DataTable
      label="Entities"
      className="table--entities"
      columns={columns}
      rows={entities}
      rowKey={(entity) => entity.ref}
    />
  );
}

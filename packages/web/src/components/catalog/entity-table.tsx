// Entities as a table: name (linked to its page), kind, owner, tier, lifecycle and description.
import type { EntitySummary } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { KindBadge, LifecycleBadge, TierBadge } from './entity-badges.tsx';
import { entityHref } from './entity-refs.ts';
import { OwnerLink } from './team-names.tsx';

export function EntityTable({ entities }: { entities: EntitySummary[] }) {
  return (
    <div className="card card--flush table-wrap">
      <table className="table table--entities">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Owner</th>
            <th scope="col">Tier</th>
            <th scope="col">Lifecycle</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {entities.map((entity) => (
            <tr key={entity.ref}>
              <td className="entity-cell">
                <Link href={entityHref(entity)} className="entity-cell__name">
                  {entity.title ?? entity.name}
                </Link>
                {(entity.title || entity.namespace !== 'default') && (
                  <span className="entity-cell__ref">
                    {entity.namespace === 'default' ? entity.name : `${entity.namespace}/${entity.name}`}
                  </span>
                )}
              </td>
              <td>
                <KindBadge kind={entity.kind} />
              </td>
              <td className="entity-cell__owner">
                {entity.owner ? <OwnerLink owner={entity.owner} /> : <span className="muted">—</span>}
              </td>
              <td>
                <TierBadge tier={entity.tier} />
              </td>
              <td>
                <LifecycleBadge lifecycle={entity.lifecycle} />
              </td>
              <td className="entity-cell__description">{entity.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

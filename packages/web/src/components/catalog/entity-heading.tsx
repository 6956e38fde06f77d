// The top of an entity's page: where it sits in the catalog, its name and description, and the
// labels that say what it is (kind, type, tier, lifecycle, tags).
import type { EntityDetail } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { PageHeader } from '../page-header.tsx';
import { KindBadge, kindClass, LifecycleBadge, TierBadge } from './entity-badges.tsx';

export function EntityHeading({ detail }: { detail: EntityDetail }) {
  const spec = (detail.entity.spec ?? {}) as { type?: unknown };
  const type = typeof spec.type === 'string' ? spec.type : null;
  return (
    <>
      <PageHeader
        crumbs={[
          { href: '/catalog', label: 'Catalog' },
          { href: `/catalog?kind=${encodeURIComponent(detail.kind)}`, label: detail.kind },
        ]}
        leading={
          <span className={`kind-tile kind-tile--${kindClass(detail.kind)}`} aria-hidden="true">
            {detail.kind.slice(0, 1).toUpperCase()}
          </span>
        }
        title={detail.title ?? detail.name}
        subtitle={detail.description ?? undefined}
      />
      <div className="entity-meta">
        <KindBadge kind={detail.kind} />
        {type && <span className="entity-meta__type">{type}</span>}
        <TierBadge tier={detail.tier} />
        <LifecycleBadge lifecycle={detail.lifecycle} />
        {detail.tags.length > 0 && (
          <ul className="chips entity-meta__tags" aria-label="Tags">
            {detail.tags.map((tag) => (
              <li key={tag}>
                <Link href={`/catalog?tag=${encodeURIComponent(tag)}`} className="chip">
                  {tag}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <code className="entity-meta__ref">{detail.ref}</code>
      </div>
    </>
  );
}

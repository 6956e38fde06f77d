// The orphans report: entities without a valid owner, teams without members or sub-teams, and
// services without a runbook — the gaps in "who owns what" that someone should close.
import type { ReactNode } from 'react';
import type { Orphans } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { entityHref, shortRef } from '../catalog/entity-refs.ts';
import { OwnerLink } from '../catalog/team-names.tsx';

export function OrphansReport({ orphans }: { orphans: Orphans }) {
  // A service whose owner is unknown is also in the unowned list: its owner has no page to link to.
  const unknownOwner = new Set(orphans.unowned.items.filter((item) => item.owner).map((item) => item.ref));
  return (
    <div className="orphans">
      <OrphanList
        title="Entities without a valid owner"
        total={orphans.unowned.total}
        allGood="Every entity that needs an owner has one the catalog knows."
        items={orphans.unowned.items.map((item) => ({
          ref: item.ref,
          note: (
            <span className="orphan-list__note">
              {item.owner ? (
                <>
                  names <code>{item.owner}</code>, which the catalog does not know
                </>
              ) : (
                'names no owner'
              )}
            </span>
          ),
        }))}
      />
      <OrphanList
        title="Teams without members"
        total={orphans.teamsWithoutMembers.total}
        allGood="Every team has members or sub-teams."
        items={orphans.teamsWithoutMembers.items.map((item) => ({
          ref: item.ref,
          note: item.title ? <span className="orphan-list__note">{item.title}</span> : null,
        }))}
      />
      <OrphanList
        title="Services without a runbook"
        total={orphans.servicesWithoutRunbook.total}
        allGood="Every service links its runbook."
        items={orphans.servicesWithoutRunbook.items.map((item) => ({
          ref: item.ref,
          note: (
            <span className="orphan-list__note">
              {item.owner && !unknownOwner.has(item.ref) ? (
                <>
                  owned by <OwnerLink owner={item.owner} />
                </>
              ) : (
                'no known owner'
              )}
            </span>
          ),
        }))}
      />
    </div>
  );
}

interface OrphanItem {
  ref: string;
  note: ReactNode;
}

function OrphanList({
  title,
  total,
  items,
  allGood,
}: {
  title: string;
  total: number;
  items: OrphanItem[];
  allGood: string;
}) {
  const id = `orphans-${title.toLowerCase().replaceAll(' ', '-')}`;
  return (
    <section className="card card--flush" aria-labelledby={id}>
      <h3 id={id} className="card__title">
        {title} <span className={`count${total > 0 ? ' count--bad' : ''}`}>{total}</span>
      </h3>
      {items.length === 0 ? (
        <p className="empty empty--good">{allGood}</p>
      ) : (
        <ul className="orphan-list">
          {items.map((item) => (
            <li key={item.ref} className="orphan-list__item">
              <Link href={entityHref(item.ref)}>{shortRef(item.ref, { withKind: true })}</Link>
              {item.note}
            </li>
          ))}
        </ul>
      )}
      {total > items.length && (
        <p className="muted orphan-list__more">
          and {total - items.length} more; the API lists the first {items.length}.
        </p>
      )}
    </section>
  );
}

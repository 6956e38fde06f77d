// What a team owns in the catalog, grouped by kind: its services, APIs, resources and systems.
import { type EntitySummary, listEntities } from '../../api/catalog.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { Link } from '../../router.tsx';
import { ResourceView } from '../resource-view.tsx';
import { KindBadge, LifecycleBadge, TierBadge } from './entity-badges.tsx';
import { entityHref } from './entity-refs.ts';

const kindOrder = ['system', 'component', 'api', 'resource', 'domain'];
const listed = 500;

export function TeamOwnedEntities({ team, displayName }: { team: string; displayName: string }) {
  const owned = useResource(`owned:${team}`, () => listEntities({ owner: team }, { limit: listed }));
  useReloadOnCatalogChange(owned.reload);
  const catalogLink = `/catalog?owner=${encodeURIComponent(team)}`;
  return (
    <section className="card card--flush" aria-labelledby="owned-title">
      <div className="card__title card__title--split">
        <h2 id="owned-title" className="card__heading">
          What this team owns{' '}
          <span className="count">{owned.data ? total(owned.data.facets.kind) : '…'}</span>
        </h2>
        <Link href={catalogLink}>Open in the catalog</Link>
      </div>
      <ResourceView resource={owned} label="what the team owns">
        {(list) =>
          list.items.length === 0 ? (
            <p className="empty">{displayName} owns nothing in the catalog yet.</p>
          ) : (
            <>
              <div className="owned">
                {groupByKind(list.items).map(([kind, entities]) => (
                  <OwnedGroup key={kind} kind={kind} entities={entities} />
                ))}
              </div>
              {list.nextCursor && (
                <p className="owned__more">
                  Showing the first {list.items.length};{' '}
                  <Link href={catalogLink}>see all in the catalog</Link>.
                </p>
              )}
            </>
          )
        }
      </ResourceView>
    </section>
  );
}

function OwnedGroup({ kind, entities }: { kind: string; entities: EntitySummary[] }) {
  return (
    <section className="owned__group" aria-label={`${kind} owned`}>
      <h3 className="owned__kind">
        <KindBadge kind={kind} /> <span className="muted">{entities.length}</span>
      </h3>
      <ul className="owned__list">
        {entities.map((entity) => (
          <li key={entity.ref} className="owned__item">
            <div className="owned__name">
              <Link href={entityHref(entity)}>{entity.title ?? entity.name}</Link>
              <TierBadge tier={entity.tier} />
              {entity.lifecycle !== 'production' && <LifecycleBadge lifecycle={entity.lifecycle} />}
            </div>
            {entity.description && <p className="owned__description">{entity.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function groupByKind(entities: EntitySummary[]): [string, EntitySummary[]][] {
  const groups = new Map<string, EntitySummary[]>();
  for (const entity of entities) groups.set(entity.kind, [...(groups.get(entity.kind) ?? []), entity]);
  const rank = (kind: string) => (kindOrder.includes(kind) ? kindOrder.indexOf(kind) : kindOrder.length);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

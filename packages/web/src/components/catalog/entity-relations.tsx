// An entity's relations grouped by type: those it declares (outgoing) and those others declare
// about it (incoming), each linked; a ref no entity answers to is marked missing.
import type { EntityDetail } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { Badge } from '../badge.tsx';
import { KindBadge } from './entity-badges.tsx';
import { entityHref, parseRef, shortRef } from './entity-refs.ts';
import { compareRelationTypes, relationPhrase } from './relation-labels.ts';

interface Related {
  ref: string;
  exists: boolean;
}

export function EntityRelations({ relations }: { relations: EntityDetail['relations'] }) {
  const outgoing = groupByType(
    relations.outgoing.map((r) => [r.type, { ref: r.targetRef, exists: r.targetExists }]),
  );
  const incoming = groupByType(relations.incoming.map((r) => [r.type, { ref: r.sourceRef, exists: true }]));
  const count = relations.outgoing.length + relations.incoming.length;
  return (
    <section className="card card--flush" aria-labelledby="relations-title">
      <h2 id="relations-title" className="card__title">
        Relations <span className="count">{count}</span>
      </h2>
      {count === 0 ? (
        <p className="empty">No relations.</p>
      ) : (
        <div className="relations">
          <RelationGroups title="Declared here" groups={outgoing} direction="outgoing" />
          <RelationGroups title="Declared by others" groups={incoming} direction="incoming" />
        </div>
      )}
    </section>
  );
}

function RelationGroups({
  title,
  groups,
  direction,
}: {
  title: string;
  groups: [string, Related[]][];
  direction: 'outgoing' | 'incoming';
}) {
  return (
    <div className="relations__side">
      <h3 className="relations__title">{title}</h3>
      {groups.length === 0 && <p className="muted">None</p>}
      {groups.map(([type, related]) => (
        <div key={type} className="relation-group">
          <h4 className="relation-group__type" title={type}>
            {relationPhrase(type, direction)}
          </h4>
          <ul className="relation-group__list">
            {related.map((item) => (
              <li key={item.ref}>
                <KindBadge kind={parseRef(item.ref).kind} />
                {item.exists ? (
                  <Link href={entityHref(item.ref)}>{shortRef(item.ref)}</Link>
                ) : (
                  <>
                    <span>{shortRef(item.ref)}</span> <Badge tone="danger">missing</Badge>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function groupByType(entries: [string, Related][]): [string, Related[]][] {
  const groups = new Map<string, Related[]>();
  for (const [type, related] of entries) groups.set(type, [...(groups.get(type) ?? []), related]);
  return [...groups.entries()].sort((a, b) => compareRelationTypes(a[0], b[0]));
}

// One entity: what it is, who owns it, its links, relations and dependency graph, its problems,
// where it is written, and its history.
import { type EntityName, fetchEntity } from '../api/catalog.ts';
import { useResource } from '../api/use-resource.ts';
import { EntityAbout } from '../components/catalog/entity-about.tsx';
import { EntityHeading } from '../components/catalog/entity-heading.tsx';
import { EntityHistory } from '../components/catalog/entity-history.tsx';
import { EntityRelations } from '../components/catalog/entity-relations.tsx';
import { GraphCard } from '../components/catalog/graph-card.tsx';
import { EntityProblems } from '../components/catalog/problem-list.tsx';
import { LocalWhoOwnsBox } from '../components/ownership/who-owns-box.tsx';
import { ResourceView } from '../components/resource-view.tsx';

export function EntityPage({ entity }: { entity: EntityName }) {
  const key = `${entity.kind}:${entity.namespace}/${entity.name}`;
  const detail = useResource(`entity:${key}`, () => fetchEntity(entity));
  return (
    <ResourceView resource={detail} label="the entity">
      {(found) => (
        <>
          <EntityHeading detail={found} />
          <div className="columns columns--even">
            <EntityAbout detail={found} />
            <LocalWhoOwnsBox initial={found.ref} />
          </div>
          <EntityProblems problems={found.problems} />
          <GraphCard entityRef={found.ref} />
          <div className="columns columns--even">
            <EntityRelations relations={found.relations} />
            <EntityHistory entity={entity} entityRef={found.ref} />
          </div>
        </>
      )}
    </ResourceView>
  );
}

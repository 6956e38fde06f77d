// One entity: what it is, who owns it and how to reach them, its links and annotations, its API
// definition, relations and dependency graph, its problems, where it is written (and the YAML), and
// its history. Every part loads again when the catalog changes, so everyone looking sees the same.
import { lazy, Suspense } from 'react';
import { type EntityDetail, type EntityName, fetchEntity } from '../api/catalog.ts';
import { useResource } from '../api/use-resource.ts';
import { ApiDefinitionCard } from '../components/catalog/api-definition/api-definition-card.tsx';
import { EntityAbout } from '../components/catalog/entity-about.tsx';
import { EntityAnnotations } from '../components/catalog/entity-annotations.tsx';
import { EntityHeading } from '../components/catalog/entity-heading.tsx';
import { EntityHistory } from '../components/catalog/entity-history.tsx';
import { EntityRelations } from '../components/catalog/entity-relations.tsx';
import { GraphCard } from '../components/catalog/graph-card.tsx';
import { OwnerCard } from '../components/catalog/owner-card.tsx';
import { EntityProblems } from '../components/catalog/problem-list.tsx';
import { FindingsCard } from '../components/guardrails/findings-card.tsx';
import { OncallNowCard } from '../components/oncall/oncall-now-card.tsx';
import { EntityMissing } from '../components/ownership/entity-missing.tsx';
import { LocalWhoOwnsBox } from '../components/ownership/who-owns-box.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { EntityScorecardsCard } from '../components/scorecards/entity-scorecards-card.tsx';
import { ServiceSlosCard } from '../components/slo/service-slos-card.tsx';
import { useReloadOnCatalogChange } from '../live/live-reload.ts';
import { usePageTitle } from '../page-title.ts';

// The YAML printer is only needed on this page, and only once the entity is there.
const EntityYaml = lazy(() =>
  import('../components/catalog/entity-yaml.tsx').then((m) => ({ default: m.EntityYaml })),
);

export function EntityPage({ entity }: { entity: EntityName }) {
  const key = `${entity.kind}:${entity.namespace}/${entity.name}`;
  const detail = useResource(`entity:${key}`, () => fetchEntity(entity));
  useReloadOnCatalogChange(detail.reload);
  usePageTitle(detail.data ? [detail.data.name, kindOf(detail.data)] : [entity.name]);
  if (detail.state === 'failed' && detail.error.status === 404) {
    return <EntityMissing entityRef={key} error={detail.error} />;
  }
  return (
    <ResourceView resource={detail} label="the entity">
      {(found) => <EntityDetails entity={entity} detail={found} />}
    </ResourceView>
  );
}

function EntityDetails({ entity, detail }: { entity: EntityName; detail: EntityDetail }) {
  return (
    <>
      <EntityHeading detail={detail} />
      <div className="columns columns--even">
        <EntityAbout detail={detail} />
        <OwnerCard detail={detail} />
      </div>
      <EntityProblems problems={detail.problems} />
      <EntityOncall detail={detail} />
      <EntityScorecardsCard entity={entity} />
      {hasSlos(detail) && <ServiceSlosCard service={detail.ref} label={detail.name} />}
      <EntityFindings detail={detail} />
      {detail.kind === 'api' && <ApiDefinitionCard detail={detail} />}
      <GraphCard entityRef={detail.ref} />
      <div className="columns columns--even">
        <EntityRelations relations={detail.relations} />
        <EntityHistory entity={entity} entityRef={detail.ref} />
      </div>
      <div className="columns columns--even">
        <EntityAnnotations detail={detail} />
        <LocalWhoOwnsBox initial={detail.ref} />
      </div>
      <Suspense fallback={<p className="loading">Loading the YAML…</p>}>
        <EntityYaml entity={detail.entity} />
      </Suspense>
    </>
  );
}

/** Who answers for this entity's alerts now: a team's policies, or the policy routing a service. */
function EntityOncall({ detail }: { detail: EntityDetail }) {
  if (detail.kind === 'group') return <OncallNowCard query={{ team: detail.name }} label={detail.name} />;
  if (detail.kind !== 'component') return null;
  return <OncallNowCard query={{ service: detail.ref }} label={detail.name} />;
}

/** A team's or an entity's open findings in the uploaded scans (a card only where there are some). */
function EntityFindings({ detail }: { detail: EntityDetail }) {
  if (detail.kind === 'user') return null;
  const query = detail.kind === 'group' ? { team: detail.ref } : { service: detail.ref };
  return <FindingsCard query={query} label={detail.name} />;
}

/** Services carry SLOs: Components, and Steward's Service kind. */
function hasSlos(detail: EntityDetail): boolean {
  return detail.kind === 'component' || detail.kind === 'service';
}

/**
 * No entity answers to this ref (deleted, never there, or rejected for errors when its source was
 * read). The place for the view of a rejected entity with its problems.
 */
/** The kind as the entity writes it (`Component`), not the lower-case form of its ref. */
function kindOf(detail: EntityDetail): string {
  return typeof detail.entity.kind === 'string' ? detail.entity.kind : detail.kind;
}

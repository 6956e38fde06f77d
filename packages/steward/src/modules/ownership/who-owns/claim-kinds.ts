// The claims an entity makes, kept small: a big catalog holds hundreds of thousands of them, and
// only the few that match a question ever show their provenance, so its text is written on demand
// from the entity itself.
import type { AlertMatcher, CatalogEntity } from '../../catalog/index.ts';
import type { Provenance } from '../schemas.ts';
import { annotation, provenanceAt, specRecord, stringField, stringList } from './entity-fields.ts';
import { describeRequirement, type LabelRequirement } from './label-selector.ts';

export const annotations = {
  kubernetesId: 'backstage.io/kubernetes-id',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  kubernetesSelector: 'backstage.io/kubernetes-label-selector',
  sourceLocation: 'backstage.io/source-location',
  projectSlug: 'github.com/project-slug',
} as const;

export interface Claim {
  readonly entity: CatalogEntity;
  readonly provenance: Provenance;
}

/** A steward `spec.selectors.kubernetes`, or Backstage's kubernetes annotations. */
export class KubernetesClaim implements Claim {
  readonly entity: CatalogEntity;
  readonly source: 'selector' | 'annotation';
  readonly namespace: string | null;
  readonly requirements: readonly LabelRequirement[];

  constructor(
    entity: CatalogEntity,
    source: 'selector' | 'annotation',
    namespace: string | null,
    requirements: readonly LabelRequirement[],
  ) {
    this.entity = entity;
    this.source = source;
    this.namespace = namespace;
    this.requirements = requirements;
  }

  get provenance(): Provenance {
    if (this.source === 'selector') {
      const text = [
        ...(this.namespace ? [`namespace=${this.namespace}`] : []),
        ...this.requirements.map(describeRequirement),
      ];
      return provenanceAt(this.entity, 'selector', `spec.selectors.kubernetes: ${text.join(', ')}`);
    }
    const selector = annotation(this.entity, annotations.kubernetesSelector);
    const id = annotation(this.entity, annotations.kubernetesId);
    let text = selector
      ? `${annotations.kubernetesSelector}: ${selector}`
      : id
        ? `${annotations.kubernetesId}: ${id}`
        : `${annotations.kubernetesId} label = the entity's name ${this.entity.name}`;
    if (this.namespace) text += `, ${annotations.kubernetesNamespace}: ${this.namespace}`;
    return provenanceAt(this.entity, 'annotation', text);
  }
}

/** A steward `spec.selectors.alerts.matchers`. */
export class AlertClaim implements Claim {
  readonly entity: CatalogEntity;
  readonly matchers: readonly AlertMatcher[];

  constructor(entity: CatalogEntity, matchers: readonly AlertMatcher[]) {
    this.entity = entity;
    this.matchers = matchers;
  }

  get provenance(): Provenance {
    const texts = stringList(specRecord(this.entity, 'selectors', 'alerts'), 'matchers');
    return provenanceAt(this.entity, 'selector', `spec.selectors.alerts.matchers: ${texts.join(', ')}`);
  }
}

/**
 * A steward `spec.selectors.urls`, or one of the entity's `metadata.links` (weaker: a link says where
 * to look, not what is owned); a match narrows the rule shown to the host and prefix that matched.
 */
export class UrlClaim implements Claim {
  readonly entity: CatalogEntity;
  /** `shop.acme.com`, or `*.acme.com`; empty: any host. */
  readonly hosts: readonly string[];
  /** Empty: the whole host. */
  readonly prefixes: readonly string[];
  /** The link as written, for a claim from `metadata.links`. */
  readonly link: string | undefined;

  constructor(entity: CatalogEntity, hosts: readonly string[], prefixes: readonly string[], link?: string) {
    this.entity = entity;
    this.hosts = hosts;
    this.prefixes = prefixes;
    this.link = link;
  }

  get provenance(): Provenance {
    if (this.link !== undefined) return provenanceAt(this.entity, 'entity', `metadata.links: ${this.link}`);
    return provenanceAt(this.entity, 'selector', 'spec.selectors.urls');
  }
}

/** Where in which repository an entity lives: its own fields, or a Backstage annotation. */
export type LocationSource = 'fields' | 'source-location' | 'project-slug' | 'catalog-file';

export class LocationClaim implements Claim {
  readonly entity: CatalogEntity;
  readonly source: LocationSource;
  /** Null: the entity names a path but no repository. */
  readonly repository: string | null;
  readonly path: string;

  constructor(entity: CatalogEntity, source: LocationSource, repository: string | null, path: string) {
    this.entity = entity;
    this.source = source;
    this.repository = repository;
    this.path = path;
  }

  get provenance(): Provenance {
    if (this.source === 'fields') {
      const repository = stringField(this.entity.spec, 'repository');
      const path = stringField(this.entity.spec, 'path');
      const rule = [repository && `spec.repository: ${repository}`, path && `spec.path: ${path}`];
      return provenanceAt(this.entity, 'entity', rule.filter(Boolean).join(', '));
    }
    if (this.source === 'catalog-file') {
      const file = this.entity.repository?.file ?? this.entity.source.file;
      return provenanceAt(
        this.entity,
        'entity',
        `written in ${file}, so ${this.path || 'the repository'}/ is its directory`,
      );
    }
    const key = this.source === 'source-location' ? annotations.sourceLocation : annotations.projectSlug;
    return provenanceAt(this.entity, 'annotation', `${key}: ${annotation(this.entity, key)}`);
  }
}

// What an entity says belongs to it, read once when the index is built: Kubernetes selectors, alert
// matchers, URLs and repository locations, from Steward's `spec.selectors`/`repository`/`path` and
// from Backstage's annotations. Each claim carries the text and place that will be shown as provenance.
import { type AlertMatcher, type CatalogEntity, parseAlertMatcher } from '../../catalog/index.ts';
import type { Provenance } from '../schemas.ts';
import { annotation, provenanceAt, specRecord, stringField, stringList } from './entity-fields.ts';
import { describeRequirement, type LabelRequirement, parseLabelSelector } from './label-selector.ts';
import {
  normaliseRepoPath,
  normaliseRepository,
  parseRepositoryUrl,
  repositoryFromSlug,
} from './repository.ts';

export interface Claim {
  entity: CatalogEntity;
  provenance: Provenance;
}

export interface KubernetesClaim extends Claim {
  namespace: string | null;
  requirements: LabelRequirement[];
}

export interface AlertClaim extends Claim {
  matchers: (AlertMatcher & { regex?: RegExp })[];
}

export interface UrlClaim extends Claim {
  /** `shop.acme.com`, or `*.acme.com`; empty: any host. */
  hosts: string[];
  /** Empty: the whole host. */
  prefixes: string[];
}

export interface LocationClaim extends Claim {
  /** Null: the entity names a path but no repository. */
  repository: string | null;
  path: string;
}

/** A selector or annotation that could not be read: reported, and the rest of the catalog still applies. */
export interface ClaimProblem {
  file: string;
  line: number;
  entity: string;
  message: string;
}

export interface EntityClaims {
  kubernetes: KubernetesClaim[];
  alerts: AlertClaim[];
  urls: UrlClaim[];
  locations: LocationClaim[];
  problems: ClaimProblem[];
}

export const annotations = {
  kubernetesId: 'backstage.io/kubernetes-id',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  kubernetesSelector: 'backstage.io/kubernetes-label-selector',
  sourceLocation: 'backstage.io/source-location',
  projectSlug: 'github.com/project-slug',
} as const;

export function claimsOf(entity: CatalogEntity): EntityClaims {
  const claims: EntityClaims = { kubernetes: [], alerts: [], urls: [], locations: [], problems: [] };
  const problem = (message: string) =>
    claims.problems.push({ file: entity.source.file, line: entity.source.line, entity: entity.ref, message });
  kubernetesSelector(entity, specRecord(entity, 'selectors', 'kubernetes'), claims);
  kubernetesAnnotations(entity, claims, problem);
  alertMatchers(entity, stringList(specRecord(entity, 'selectors', 'alerts'), 'matchers'), claims, problem);
  const urls = specRecord(entity, 'selectors', 'urls');
  if (urls) urlSelector(entity, urls, claims);
  locations(entity, claims);
  return claims;
}

function kubernetesSelector(
  entity: CatalogEntity,
  selector: Record<string, unknown> | undefined,
  claims: EntityClaims,
) {
  if (!selector) return;
  const namespace = stringField(selector, 'namespace') ?? null;
  const labels = specRecord(entity, 'selectors', 'kubernetes', 'labels') ?? {};
  const requirements: LabelRequirement[] = Object.entries(labels)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, value]) => ({ key, operator: '=', value }));
  if (namespace === null && requirements.length === 0) return;
  const text = [...(namespace ? [`namespace=${namespace}`] : []), ...requirements.map(describeRequirement)];
  const provenance = provenanceAt(entity, 'selector', `spec.selectors.kubernetes: ${text.join(', ')}`);
  claims.kubernetes.push({ entity, provenance, namespace, requirements });
}

/** Backstage's lookup: the label selector if given, else the label backstage.io/kubernetes-id=<id or name>. */
function kubernetesAnnotations(entity: CatalogEntity, claims: EntityClaims, problem: (m: string) => void) {
  const selector = annotation(entity, annotations.kubernetesSelector);
  const id = annotation(entity, annotations.kubernetesId);
  const namespace = annotation(entity, annotations.kubernetesNamespace) ?? null;
  if (!selector && !id && !namespace) return;
  let requirements: LabelRequirement[];
  let text: string;
  if (selector) {
    const parsed = parseLabelSelector(selector);
    if (!parsed.ok) {
      problem(`${annotations.kubernetesSelector}: ${parsed.message}; the annotation is ignored`);
      return;
    }
    requirements = parsed.requirements;
    text = `${annotations.kubernetesSelector}: ${selector}`;
  } else {
    requirements = [{ key: annotations.kubernetesId, operator: '=', value: id ?? entity.name }];
    text = id
      ? `${annotations.kubernetesId}: ${id}`
      : `${annotations.kubernetesId} label = the entity's name ${entity.name}`;
  }
  if (namespace) text += `, ${annotations.kubernetesNamespace}: ${namespace}`;
  claims.kubernetes.push({
    entity,
    provenance: provenanceAt(entity, 'annotation', text),
    namespace,
    requirements,
  });
}

function alertMatchers(
  entity: CatalogEntity,
  texts: string[],
  claims: EntityClaims,
  problem: (m: string) => void,
) {
  if (texts.length === 0) return;
  const matchers: AlertClaim['matchers'] = [];
  for (const text of texts) {
    const matcher = parseAlertMatcher(text);
    if (!matcher) {
      problem(`spec.selectors.alerts.matchers: "${text}" is not a matcher; the selector is ignored`);
      return;
    }
    const regex = matcher.operator.endsWith('~') ? new RegExp(`^(?:${matcher.value})$`) : undefined;
    matchers.push(regex ? { ...matcher, regex } : matcher);
  }
  const provenance = provenanceAt(entity, 'selector', `spec.selectors.alerts.matchers: ${texts.join(', ')}`);
  claims.alerts.push({ entity, provenance, matchers });
}

function urlSelector(entity: CatalogEntity, urls: Record<string, unknown>, claims: EntityClaims) {
  const hosts = stringList(urls, 'hosts').map((h) => h.toLowerCase());
  const prefixes = stringList(urls, 'pathPrefixes');
  if (hosts.length === 0 && prefixes.length === 0) return;
  // The rule shown is narrowed to the host and prefix that matched, when the match is made.
  const provenance = provenanceAt(entity, 'selector', 'spec.selectors.urls');
  claims.urls.push({ entity, provenance, hosts, prefixes });
}

function locations(entity: CatalogEntity, claims: EntityClaims) {
  const repositoryText = stringField(entity.spec, 'repository');
  const pathText = stringField(entity.spec, 'path');
  if (repositoryText || pathText) {
    const repository = repositoryText ? normaliseRepository(repositoryText) : null;
    const path = normaliseRepoPath(pathText ?? '');
    if (repository || path !== '') {
      const rule = [
        repositoryText && `spec.repository: ${repositoryText}`,
        pathText && `spec.path: ${pathText}`,
      ];
      const provenance = provenanceAt(entity, 'entity', rule.filter(Boolean).join(', '));
      claims.locations.push({ entity, provenance, repository, path });
    }
  }
  const source = annotation(entity, annotations.sourceLocation);
  const located = source ? parseRepositoryUrl(source) : null;
  if (source && located) {
    const provenance = provenanceAt(entity, 'annotation', `${annotations.sourceLocation}: ${source}`);
    claims.locations.push({ entity, provenance, ...located });
  }
  const slug = annotation(entity, annotations.projectSlug);
  const repository = slug ? repositoryFromSlug(slug) : null;
  if (slug && repository) {
    const provenance = provenanceAt(entity, 'annotation', `${annotations.projectSlug}: ${slug}`);
    claims.locations.push({ entity, provenance, repository, path: '' });
  }
}

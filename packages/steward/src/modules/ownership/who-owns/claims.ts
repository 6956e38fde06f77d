// What an entity says belongs to it, read once when the index is built: Kubernetes selectors, alert
// matchers, URLs and repository locations, from Steward's `spec.selectors`/`repository`/`path` and
// from Backstage's annotations.
import { type AlertMatcher, type CatalogEntity, parseAlertMatcher } from '../../catalog/index.ts';
import { AlertClaim, annotations, KubernetesClaim, LocationClaim, UrlClaim } from './claim-kinds.ts';
import { annotation, specRecord, stringField, stringList } from './entity-fields.ts';
import { type LabelRequirement, parseLabelSelector } from './label-selector.ts';
import {
  normaliseRepoPath,
  normaliseRepository,
  parseRepositoryUrl,
  repositoryFromSlug,
} from './repository.ts';

export {
  AlertClaim,
  annotations,
  type Claim,
  KubernetesClaim,
  LocationClaim,
  UrlClaim,
} from './claim-kinds.ts';

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

export function claimsOf(entity: CatalogEntity): EntityClaims {
  const claims: EntityClaims = { kubernetes: [], alerts: [], urls: [], locations: [], problems: [] };
  const problem = (message: string) =>
    claims.problems.push({ file: entity.source.file, line: entity.source.line, entity: entity.ref, message });
  kubernetesSelector(entity, claims);
  kubernetesAnnotations(entity, claims, problem);
  alertMatchers(entity, claims, problem);
  urlSelector(entity, claims);
  locations(entity, claims);
  return claims;
}

function kubernetesSelector(entity: CatalogEntity, claims: EntityClaims) {
  const selector = specRecord(entity, 'selectors', 'kubernetes');
  if (!selector) return;
  const namespace = stringField(selector, 'namespace') ?? null;
  const labels = specRecord(entity, 'selectors', 'kubernetes', 'labels') ?? {};
  const requirements: LabelRequirement[] = Object.entries(labels)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, value]) => ({ key, operator: '=', value }));
  if (namespace === null && requirements.length === 0) return;
  claims.kubernetes.push(new KubernetesClaim(entity, 'selector', namespace, requirements));
}

/** Backstage's lookup: the label selector if given, else the label backstage.io/kubernetes-id=<id or name>. */
function kubernetesAnnotations(entity: CatalogEntity, claims: EntityClaims, problem: (m: string) => void) {
  const selector = annotation(entity, annotations.kubernetesSelector);
  const id = annotation(entity, annotations.kubernetesId);
  const namespace = annotation(entity, annotations.kubernetesNamespace) ?? null;
  if (!selector && !id && !namespace) return;
  let requirements: LabelRequirement[] = [
    { key: annotations.kubernetesId, operator: '=', value: id ?? entity.name },
  ];
  if (selector) {
    const parsed = parseLabelSelector(selector);
    if (!parsed.ok) {
      problem(`${annotations.kubernetesSelector}: ${parsed.message}; the annotation is ignored`);
      return;
    }
    requirements = parsed.requirements;
  }
  claims.kubernetes.push(new KubernetesClaim(entity, 'annotation', namespace, requirements));
}

function alertMatchers(entity: CatalogEntity, claims: EntityClaims, problem: (m: string) => void) {
  const texts = stringList(specRecord(entity, 'selectors', 'alerts'), 'matchers');
  if (texts.length === 0) return;
  const matchers: AlertMatcher[] = [];
  for (const text of texts) {
    // Validation refuses these; an entity stored before a rule tightened can still carry one.
    const parsed = parseAlertMatcher(text);
    if (!parsed.ok) {
      problem(
        `spec.selectors.alerts.matchers: "${text}" is not a matcher (${parsed.message}); the selector is ignored`,
      );
      return;
    }
    matchers.push(parsed.matcher);
  }
  claims.alerts.push(new AlertClaim(entity, matchers));
}

function urlSelector(entity: CatalogEntity, claims: EntityClaims) {
  const urls = specRecord(entity, 'selectors', 'urls');
  const hosts = stringList(urls, 'hosts').map((h) => h.toLowerCase());
  const prefixes = stringList(urls, 'pathPrefixes');
  if (hosts.length === 0 && prefixes.length === 0) return;
  claims.urls.push(new UrlClaim(entity, hosts, prefixes));
}

function locations(entity: CatalogEntity, claims: EntityClaims) {
  const repositoryText = stringField(entity.spec, 'repository');
  const pathText = stringField(entity.spec, 'path');
  if (repositoryText || pathText) {
    const repository = repositoryText ? normaliseRepository(repositoryText) : null;
    const path = normaliseRepoPath(pathText ?? '');
    if (repository || path !== '')
      claims.locations.push(new LocationClaim(entity, 'fields', repository, path));
  }
  const source = annotation(entity, annotations.sourceLocation);
  const located = source ? parseRepositoryUrl(source) : null;
  if (located)
    claims.locations.push(new LocationClaim(entity, 'source-location', located.repository, located.path));
  const slug = annotation(entity, annotations.projectSlug);
  const repository = slug ? repositoryFromSlug(slug) : null;
  if (repository) claims.locations.push(new LocationClaim(entity, 'project-slug', repository, ''));
}

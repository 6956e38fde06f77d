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
  repositoryIdentity,
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
  links(entity, claims);
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

/** Each `metadata.links` URL: its host, and its path as a prefix (the whole host for `/`). */
function links(entity: CatalogEntity, claims: EntityClaims) {
  const listed = entity.metadata.links;
  if (!Array.isArray(listed)) return;
  for (const link of listed) {
    const text = typeof link === 'object' && link !== null ? (link as { url?: unknown }).url : undefined;
    const url = typeof text === 'string' ? URL.parse(text) : null;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') continue;
    const path = url.pathname.replace(/\/+$/, '');
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    claims.urls.push(new UrlClaim(entity, [host], path === '' ? [] : [path], text as string));
  }
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
  const written = catalogFileDirectory(entity);
  if (written)
    claims.locations.push(new LocationClaim(entity, 'catalog-file', written.repository, written.path));
  const slug = annotation(entity, annotations.projectSlug);
  const repository = slug ? repositoryFromSlug(slug) : null;
  if (repository) claims.locations.push(new LocationClaim(entity, 'project-slug', repository, ''));
}

/** Kinds whose catalog-info.yaml says nothing about the directory it sits in. */
const placelessKinds = new Set(['location', 'group', 'user', 'template', 'schedule', 'escalationpolicy']);

/** Backstage's monorepo convention: the directory holding an entity's catalog-info.yaml is where it lives. */
function catalogFileDirectory(entity: CatalogEntity): { repository: string; path: string } | null {
  const place = entity.repository;
  if (!place || placelessKinds.has(entity.kind.toLowerCase())) return null;
  // The catalog gives a file's entities one place: they share one answer (and its strings).
  if (directories.has(place)) return directories.get(place) ?? null;
  const slash = place.file.lastIndexOf('/');
  const name = place.file.slice(slash + 1);
  const found =
    name !== 'catalog-info.yaml' && name !== 'catalog-info.yml'
      ? null
      : {
          repository: repositoryIdentity(place.name),
          path: normaliseRepoPath(slash === -1 ? '' : place.file.slice(0, slash)),
        };
  directories.set(place, found);
  return found;
}

/** Each repository place's directory, worked out once; forgotten with the place. */
const directories = new WeakMap<object, { repository: string; path: string } | null>();

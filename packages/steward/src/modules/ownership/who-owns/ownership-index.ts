// The ownership index, built once from the catalog's entities and the CODEOWNERS files known:
// entities by ref and name, and every claim bucketed so that one question looks at few of them.
import type { CatalogEntity } from '../../catalog/index.ts';
import { compileCodeowners } from '../codeowners/match.ts';
import type { CodeownersFlavor, CodeownersMatcher } from '../codeowners/model.ts';
import {
  type AlertClaim,
  type ClaimProblem,
  claimsOf,
  type KubernetesClaim,
  type LocationClaim,
  type UrlClaim,
} from './claims.ts';
import { chooseCodeowners, codeownersLocation, flavorOf } from './codeowners-choice.ts';
import { isKind } from './entity-fields.ts';
import { addToDirectory, createOwnerDirectory, type OwnerDirectory } from './owners.ts';
import { normaliseRepository } from './repository.ts';

export interface CodeownersSource {
  /** The repository the file governs (`github.com/acme/monorepo`, any spelling), or null when unknown. */
  repository: string | null;
  /** The file as answers name it, e.g. `examples/acme/CODEOWNERS`. */
  file: string;
  text: string;
  flavor?: CodeownersFlavor;
}

export interface IndexedCodeowners {
  repository: string | null;
  file: string;
  matcher: CodeownersMatcher;
}

export interface OwnershipIndexInput {
  entities: readonly CatalogEntity[];
  codeowners?: readonly CodeownersSource[];
  /** The repository a path means when the question names none; default: the CODEOWNERS files' when they share one. */
  defaultRepository?: string | null;
}

/** Claims filed under keys, plus those that no key narrows (checked for every question). */
export interface Buckets<T> {
  keyed: Map<string, T[]>;
  unkeyed: T[];
}

export interface OwnershipIndex {
  byRef: Map<string, CatalogEntity>;
  /** Lower-cased name → entities of any kind. */
  byName: Map<string, CatalogEntity[]>;
  /** Lower-cased name → Components and Services, for the weak naming conventions. */
  componentsByName: Map<string, CatalogEntity[]>;
  directory: OwnerDirectory;
  codeowners: IndexedCodeowners[];
  defaultRepository: string | null;
  /** Keyed by `label=value` of one equality requirement. */
  kubernetes: Buckets<KubernetesClaim>;
  /** Keyed by `label=value` of one equality matcher. */
  alerts: Buckets<AlertClaim>;
  /** Keyed by exact host, or `*.suffix`; unkeyed: claims for any host. */
  urls: Buckets<UrlClaim>;
  /** Refs of entities with Kubernetes or alert selectors of their own: conventions never speak for them. */
  selecting: { kubernetes: Set<string>; alerts: Set<string> };
  /** Keyed by path inside the repository ('' for the root). */
  locations: Map<string, LocationClaim[]>;
  problems: ClaimProblem[];
}

export function buildOwnershipIndex(input: OwnershipIndexInput): OwnershipIndex {
  const index: OwnershipIndex = {
    byRef: new Map(),
    byName: new Map(),
    componentsByName: new Map(),
    directory: createOwnerDirectory(),
    codeowners: compileSources(input.codeowners ?? []),
    defaultRepository: null,
    kubernetes: buckets(),
    alerts: buckets(),
    urls: buckets(),
    selecting: { kubernetes: new Set(), alerts: new Set() },
    locations: new Map(),
    problems: [],
  };
  const repositories = new Set(index.codeowners.map((c) => c.repository));
  const [only] = repositories.size === 1 ? repositories : [null];
  const given = input.defaultRepository;
  index.defaultRepository = given ? normaliseRepository(given) : (only ?? null);
  for (const entity of input.entities) addEntity(index, entity);
  return index;
}

/** One file per repository checkout: the one its platform reads when there are several. */
function compileSources(sources: readonly CodeownersSource[]): IndexedCodeowners[] {
  const checkouts = new Map<string, { repository: string | null; files: CodeownersSource[] }>();
  for (const source of sources) {
    const repository = source.repository ? normaliseRepository(source.repository) : null;
    const file = source.file.replaceAll('\\', '/');
    const location = codeownersLocation(file);
    const root = file.endsWith(location) ? file.slice(0, -location.length) : file;
    const key = `${repository ?? ''}\0${root}`;
    const checkout = checkouts.get(key) ?? { repository, files: [] };
    checkout.files.push(source);
    checkouts.set(key, checkout);
  }
  return [...checkouts.values()].flatMap(({ repository, files }) => {
    const chosen = chooseCodeowners(files);
    if (!chosen) return [];
    return [{ repository, file: chosen.file, matcher: compileCodeowners(chosen.text, flavorOf(files)) }];
  });
}

function addEntity(index: OwnershipIndex, entity: CatalogEntity): void {
  index.byRef.set(entity.ref, entity);
  const name = entity.name.toLowerCase();
  push(index.byName, name, entity);
  if (isKind(entity, 'Component', 'Service')) push(index.componentsByName, name, entity);
  addToDirectory(index.directory, entity);
  const claims = claimsOf(entity);
  for (const claim of claims.kubernetes) {
    const equality = claim.requirements.find((r) => r.operator === '=');
    file(
      index.kubernetes,
      equality && 'value' in equality ? [`${equality.key}=${equality.value}`] : [],
      claim,
    );
    index.selecting.kubernetes.add(entity.ref);
  }
  for (const claim of claims.alerts) {
    const equality = claim.matchers.find((m) => m.operator === '=' && m.value !== '');
    file(index.alerts, equality ? [`${equality.label}=${equality.value}`] : [], claim);
    index.selecting.alerts.add(entity.ref);
  }
  for (const claim of claims.urls) file(index.urls, claim.hosts, claim);
  for (const claim of claims.locations) push(index.locations, claim.path, claim);
  index.problems.push(...claims.problems);
}

function buckets<T>(): Buckets<T> {
  return { keyed: new Map(), unkeyed: [] };
}

function file<T>(into: Buckets<T>, keys: readonly string[], claim: T): void {
  if (keys.length === 0) into.unkeyed.push(claim);
  for (const key of new Set(keys)) push(into.keyed, key, claim);
}

function push<K, T>(map: Map<K, T[]>, key: K, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The claims a question with these keys may match, each once. */
export function claimsFor<T>(from: Buckets<T>, keys: Iterable<string>): T[] {
  const found = new Set<T>(from.unkeyed);
  for (const key of keys) for (const claim of from.keyed.get(key) ?? []) found.add(claim);
  return [...found];
}

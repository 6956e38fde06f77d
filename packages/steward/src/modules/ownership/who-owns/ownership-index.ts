// The ownership index, built from the catalog's entities and the CODEOWNERS files known: entities by
// ref and name, and every claim bucketed so that one question looks at few of them. Built whole on
// start; then kept by adding and removing entities (index-entries.ts) and replacing CODEOWNERS files.
import type { CatalogEntity } from '../../catalog/index.ts';
import { compileCodeowners } from '../codeowners/match.ts';
import { chooseCodeowners, codeownersLocation, flavorOf } from './codeowners-choice.ts';
import { addEntity } from './index-entries.ts';
import type { Buckets, CodeownersSource, IndexedCodeowners, OwnershipIndex } from './index-shape.ts';
import { createOwnerDirectory } from './owners.ts';
import { repositoryIdentity } from './repository.ts';

export type { Buckets, CodeownersSource, IndexedCodeowners, OwnershipIndex } from './index-shape.ts';

export interface OwnershipIndexInput {
  entities: readonly CatalogEntity[];
  codeowners?: readonly CodeownersSource[];
  /** The repository a path means when the question names none; default: the only repository known. */
  defaultRepository?: string | null;
  /** Repositories known besides those CODEOWNERS files govern (sources without one). */
  repositories?: readonly string[];
}

export function buildOwnershipIndex(input: OwnershipIndexInput): OwnershipIndex {
  const index: OwnershipIndex = {
    byRef: new Map(),
    byName: new Map(),
    componentsByName: new Map(),
    directory: createOwnerDirectory(),
    codeowners: [],
    repositories: new Set(),
    defaultRepository: null,
    kubernetes: buckets(),
    alerts: buckets(),
    alertLabels: new Map(),
    urls: buckets(),
    selecting: { kubernetes: new Set(), alerts: new Set() },
    locations: new Map(),
    problems: [],
    version: 0,
  };
  setCodeowners(index, input.codeowners ?? [], {
    repositories: input.repositories ?? [],
    defaultRepository: input.defaultRepository,
  });
  // In ref order, as entities added one by one later take their places (index-entries.ts).
  const entities = [...input.entities].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  for (const entity of entities) addEntity(index, entity);
  return index;
}

/** The CODEOWNERS files and repositories known, and the repository a path means when a question names none. */
export function setCodeowners(
  index: OwnershipIndex,
  sources: readonly CodeownersSource[],
  known: { repositories?: readonly string[]; defaultRepository?: string | null | undefined } = {},
): void {
  index.codeowners = compileSources(sources);
  const repositories = [...(known.repositories ?? []), ...index.codeowners.map((c) => c.repository)];
  index.repositories = new Set(repositories.filter((r) => r !== null).map(repositoryIdentity));
  // A file of no known repository beside one of a known one: neither is the default.
  const unnamed = index.codeowners.some((c) => c.repository === null) ? 1 : 0;
  const [only] = index.repositories.size + unnamed === 1 ? index.repositories : [null];
  const told = known.defaultRepository;
  index.defaultRepository = told ? repositoryIdentity(told) : (only ?? null);
}

/** One file per repository checkout: the one its platform reads when there are several. */
function compileSources(sources: readonly CodeownersSource[]): IndexedCodeowners[] {
  const checkouts = new Map<string, { repository: string | null; files: CodeownersSource[] }>();
  for (const source of sources) {
    const repository = source.repository ? repositoryIdentity(source.repository) : null;
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

function buckets<T>(): Buckets<T> {
  return { keyed: new Map(), unkeyed: [] };
}

/** The claims a question with these keys may match, each once. */
export function claimsFor<T>(from: Buckets<T>, keys: Iterable<string>): T[] {
  const found = new Set<T>(from.unkeyed);
  for (const key of keys) for (const claim of from.keyed.get(key) ?? []) found.add(claim);
  return [...found];
}

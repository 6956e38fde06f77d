// The ownership index, built from the catalog's entities and the CODEOWNERS files known: entities by
// ref and name, and every claim bucketed so that one question looks at few of them. Built whole on
// start; then kept by adding and removing entities (index-entries.ts) and replacing CODEOWNERS files.
import type { CatalogEntity } from '../../catalog/index.ts';
import { compileCodeowners } from '../codeowners/match.ts';
import { chooseCodeowners, codeownersLocation, flavorOf } from './codeowners-choice.ts';
import { addEntity } from './index-entries.ts';
import type { Buckets, CodeownersSource, IndexedCodeowners, OwnershipIndex } from './index-shape.ts';
import { createOwnerDirectory } from './owners.ts';
import { normaliseRepository } from './repository.ts';

export type { Buckets, CodeownersSource, IndexedCodeowners, OwnershipIndex } from './index-shape.ts';

export interface OwnershipIndexInput {
  entities: readonly CatalogEntity[];
  codeowners?: readonly CodeownersSource[];
  /** The repository a path means when the question names none; default: the CODEOWNERS files' when they share one. */
  defaultRepository?: string | null;
}

export function buildOwnershipIndex(input: OwnershipIndexInput): OwnershipIndex {
  const index: OwnershipIndex = {
    byRef: new Map(),
    byName: new Map(),
    componentsByName: new Map(),
    directory: createOwnerDirectory(),
    codeowners: [],
    defaultRepository: null,
    kubernetes: buckets(),
    alerts: buckets(),
    urls: buckets(),
    selecting: { kubernetes: new Set(), alerts: new Set() },
    locations: new Map(),
    problems: [],
  };
  setCodeowners(index, input.codeowners ?? [], input.defaultRepository);
  // In ref order, as entities added one by one later take their places (index-entries.ts).
  const entities = [...input.entities].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  for (const entity of entities) addEntity(index, entity);
  return index;
}

/** The CODEOWNERS files, and the repository a path means when a question names none. */
export function setCodeowners(
  index: OwnershipIndex,
  sources: readonly CodeownersSource[],
  defaultRepository?: string | null,
): void {
  index.codeowners = compileSources(sources);
  const repositories = new Set(index.codeowners.map((c) => c.repository));
  const [only] = repositories.size === 1 ? repositories : [null];
  index.defaultRepository = defaultRepository ? normaliseRepository(defaultRepository) : (only ?? null);
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

function buckets<T>(): Buckets<T> {
  return { keyed: new Map(), unkeyed: [] };
}

/** The claims a question with these keys may match, each once. */
export function claimsFor<T>(from: Buckets<T>, keys: Iterable<string>): T[] {
  const found = new Set<T>(from.unkeyed);
  for (const key of keys) for (const claim of from.keyed.get(key) ?? []) found.add(claim);
  return [...found];
}

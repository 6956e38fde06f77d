// The server's "who owns this?": the ownership index built from wherever the catalog and CODEOWNERS
// files come from, kept in memory. Built whole at first; then the entities a change names are replaced
// (rebuilt whole only when changes may have been missed). Questions asked meanwhile get the index as
// it is rather than wait (on-call routing cannot).
import { invalid, unavailable } from '../../platform/errors.ts';
import type { CatalogEntity } from '../catalog/index.ts';
import type { RejectedEntity, WhoOwnsAnswer } from './schemas.ts';
import { type AlertOwnership, whoOwnsAlerts } from './who-owns/alert-owners.ts';
import { addEntity, removeEntity } from './who-owns/index-entries.ts';
import type { LabelSet } from './who-owns/label-set.ts';
import {
  buildOwnershipIndex,
  type CodeownersSource,
  type OwnershipIndex,
  setCodeowners,
} from './who-owns/ownership-index.ts';
import { withRejections } from './who-owns/rejected.ts';
import { repositoryIdentity } from './who-owns/repository.ts';
import { parseThings, type ResolveContext, resolveOwnership } from './who-owns/resolve.ts';
import type { Thing } from './who-owns/thing.ts';

export interface OwnershipSources {
  loadEntities: () => Promise<CatalogEntity[]>;
  /** These entities as they are now; refs the catalog no longer has are left out. */
  loadEntitiesByRef?: (refs: readonly string[]) => Promise<CatalogEntity[]>;
  loadCodeowners: () => Promise<CodeownersSource[]>;
  /** Entities rejected for errors, by ref or by lower-cased name: who-owns says so instead of "not in the catalog". */
  loadRejections?: (wanted: { refs: string[]; names: string[] }) => Promise<RejectedEntity[]>;
  /** The repositories sources are, CODEOWNERS file or not. */
  loadRepositories?: () => Promise<string[]>;
  /** A background rebuild failed: the previous index keeps answering, and the next question retries. */
  onRebuildFailed?: (error: unknown) => void;
}

export interface OwnershipService {
  /**
   * Answers in input order; a bad thing rejects the whole question (invalid, naming which: by default
   * as the GET's `query.thing[i]`, or as `fields` says the request held them).
   */
  whoOwns(
    things: readonly string[],
    context?: ResolveContext,
    fields?: AskedFields,
  ): Promise<WhoOwnsAnswer[]>;
  /**
   * Who owns each alert, by its labels: the answer `who-owns` gives about the labels that decide
   * (those the catalog's matchers and naming conventions read), named in `thing`. Alerts alike in
   * those labels share one answer.
   */
  whoOwnsAlerts(labelSets: readonly LabelSet[]): Promise<AlertOwnership[]>;
  /** These entities were created, changed or deleted: their entries are replaced from the catalog. */
  entitiesChanged(refs: readonly string[]): Promise<void>;
  /** CODEOWNERS files or sources changed: files and repositories are read again. */
  codeownersChanged(): Promise<void>;
  /** Rebuilds whole (changes may have been missed); resolves once the new index answers. */
  rebuild(): Promise<void>;
  /** The current index, built first if there is none. */
  index(): Promise<OwnershipIndex>;
}

/** Where the request held the things and the repository, for naming them in an error. */
export interface AskedFields {
  thing: string;
  repository: string;
}

const queryFields: AskedFields = { thing: 'query.thing', repository: 'query.repository' };

/** Entities loaded per query when a change names many (a large ingest batch). */
const loadChunk = 5000;

export function createOwnershipService(sources: OwnershipSources): OwnershipService {
  let ready: OwnershipIndex | undefined;
  /** Builds and updates take turns, so an update never lands on an index built from an older read. */
  let turn: Promise<unknown> = Promise.resolve();
  let firstBuild: Promise<OwnershipIndex> | undefined;
  /** Bumped by every rebuild asked for; the index is current when built from the latest. */
  let generation = 0;
  let builtGeneration = -1;

  const loadRepositories = () => sources.loadRepositories?.() ?? Promise.resolve([]);

  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = turn.then(work);
    turn = next.catch(() => {});
    return next;
  };

  const build = async (): Promise<OwnershipIndex> => {
    const target = generation;
    const [entities, codeowners, repositories] = await Promise.all([
      sources.loadEntities(),
      sources.loadCodeowners(),
      loadRepositories(),
    ]);
    ready = buildOwnershipIndex({ entities, codeowners, repositories });
    builtGeneration = target;
    return ready;
  };

  /** Several rebuilds asked for while one runs fold into one more. */
  const rebuild = () =>
    inTurn(async () => {
      if (builtGeneration < generation) await build();
    });

  const index = async (): Promise<OwnershipIndex> => {
    if (ready) {
      if (builtGeneration < generation) rebuild().catch(sources.onRebuildFailed ?? (() => {}));
      return ready;
    }
    firstBuild ??= inTurn(() => (ready ? Promise.resolve(ready) : build())).finally(() => {
      firstBuild = undefined;
    });
    try {
      return await firstBuild;
    } catch (error) {
      throw unavailable(
        `the catalog could not be loaded to answer who owns what: ${(error as Error).message}`,
      );
    }
  };

  const entitiesChanged = (refs: readonly string[]) =>
    inTurn(async () => {
      // No index yet: the first build reads the catalog as it is then.
      if (!ready || refs.length === 0) return;
      if (!sources.loadEntitiesByRef) return build().then(() => {});
      const loaded: CatalogEntity[] = [];
      for (let i = 0; i < refs.length; i += loadChunk)
        loaded.push(...(await sources.loadEntitiesByRef(refs.slice(i, i + loadChunk))));
      const current = ready;
      for (const ref of refs) removeEntity(current, ref);
      for (const entity of loaded) addEntity(current, entity);
    });

  return {
    index,
    entitiesChanged,
    codeownersChanged: () =>
      inTurn(async () => {
        if (!ready) return;
        const [codeowners, repositories] = await Promise.all([sources.loadCodeowners(), loadRepositories()]);
        const before = [...ready.repositories];
        setCodeowners(ready, codeowners, { repositories });
        // A source that is another repository now (its origin changed) keeps entities that did not
        // change, located in the old one: read them all again. Rare; a source removed takes its own.
        const current = ready.repositories;
        if (sources.loadRepositories && before.some((r) => !current.has(r))) await build();
      }),
    rebuild() {
      generation++;
      return rebuild();
    },
    async whoOwnsAlerts(labelSets) {
      return whoOwnsAlerts(labelSets, await index());
    },
    async whoOwns(texts, context = {}, fields = queryFields) {
      const { things, bad } = parseThings(texts);
      if (bad.length > 0) {
        const problems = bad.map((b) => ({ field: `${fields.thing}[${b.index}]`, message: b.message }));
        const count = bad.length === 1 ? 'a thing is' : `${bad.length} things are`;
        throw invalid(`${count} not readable: ${bad[0]?.message}`, problems);
      }
      const built = await index();
      assertKnownRepositories(things, context, built, fields);
      const answers = things.map((thing) => resolveOwnership(thing, built, context));
      return sources.loadRejections ? withRejections(things, answers, sources.loadRejections) : answers;
    },
  };
}

/** A repository named in the question must be one the server knows: a typo would answer "nobody". */
function assertKnownRepositories(
  things: readonly Thing[],
  context: ResolveContext,
  index: OwnershipIndex,
  fields: AskedFields,
) {
  const named = [
    ...(context.repository ? [{ field: fields.repository, repository: context.repository }] : []),
    ...things.flatMap((thing, at) =>
      thing.kind === 'path' && thing.repository
        ? [{ field: `${fields.thing}[${at}]`, repository: thing.repository }]
        : [],
    ),
  ];
  const known = [...index.repositories].sort();
  const problems = named
    .filter((n) => !index.repositories.has(repositoryIdentity(n.repository)))
    .map((n) => ({
      field: n.field,
      message: `${n.repository} is not a repository this server knows; it knows ${known.length === 0 ? 'none' : known.join(', ')}`,
    }));
  const [first] = problems;
  if (first)
    throw invalid(
      `${first.message}: name one of these, or import the repository as a catalog source`,
      problems,
    );
}

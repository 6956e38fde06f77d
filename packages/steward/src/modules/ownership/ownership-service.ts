// The server's "who owns this?": the ownership index built from wherever the catalog and CODEOWNERS
// files come from, kept in memory, and rebuilt in the background when told the catalog changed;
// questions asked meanwhile get the previous index rather than wait (on-call routing cannot).
import { invalid, unavailable } from '../../platform/errors.ts';
import type { CatalogEntity } from '../catalog/index.ts';
import type { WhoOwnsAnswer } from './schemas.ts';
import {
  buildOwnershipIndex,
  type CodeownersSource,
  type OwnershipIndex,
} from './who-owns/ownership-index.ts';
import { normaliseRepository } from './who-owns/repository.ts';
import { parseThings, type ResolveContext, resolveOwnership } from './who-owns/resolve.ts';

export interface OwnershipSources {
  loadEntities: () => Promise<CatalogEntity[]>;
  loadCodeowners: () => Promise<CodeownersSource[]>;
  /** A background rebuild failed: the previous index keeps answering, and the next question retries. */
  onRebuildFailed?: (error: unknown) => void;
}

export interface OwnershipService {
  /** Answers in input order; a bad thing rejects the whole question (invalid, naming which). */
  whoOwns(things: readonly string[], context?: ResolveContext): Promise<WhoOwnsAnswer[]>;
  /** The catalog or a CODEOWNERS file changed: rebuilds now; resolves once the new index answers. */
  catalogChanged(): Promise<void>;
  /** The current index, built first if there is none. */
  index(): Promise<OwnershipIndex>;
}

export function createOwnershipService(sources: OwnershipSources): OwnershipService {
  let ready: OwnershipIndex | undefined;
  let building: Promise<OwnershipIndex> | undefined;
  /** Bumped by every change; the index is current when built from the latest. */
  let generation = 0;
  let builtGeneration = -1;

  const build = async (): Promise<OwnershipIndex> => {
    const [entities, codeowners] = await Promise.all([sources.loadEntities(), sources.loadCodeowners()]);
    return buildOwnershipIndex({ entities, codeowners });
  };

  /** One build at a time; changes that arrive during a build get one more build after it. */
  const refresh = (): Promise<OwnershipIndex> => {
    if (building) return building;
    const target = generation;
    const attempt = build().then((index) => {
      ready = index;
      builtGeneration = target;
      return index;
    });
    building = attempt;
    attempt.then(
      () => {
        building = undefined;
        if (builtGeneration < generation) refresh().catch(sources.onRebuildFailed ?? (() => {}));
      },
      () => {
        building = undefined;
      },
    );
    return attempt;
  };

  const index = async (): Promise<OwnershipIndex> => {
    if (ready) {
      if (builtGeneration < generation && !building) refresh().catch(sources.onRebuildFailed ?? (() => {}));
      return ready;
    }
    try {
      return await refresh();
    } catch (error) {
      throw unavailable(
        `the catalog could not be loaded to answer who owns what: ${(error as Error).message}`,
      );
    }
  };

  return {
    index,
    async catalogChanged() {
      generation++;
      // Waits for the build that includes this change, which may be the one after a build in flight.
      while (builtGeneration < generation) await refresh();
    },
    async whoOwns(texts, context = {}) {
      const { things, bad } = parseThings(texts);
      if (bad.length > 0) {
        const problems = bad.map((b) => ({ field: `query.thing[${b.index}]`, message: b.message }));
        const count = bad.length === 1 ? 'a thing is' : `${bad.length} things are`;
        throw invalid(`${count} not readable: ${bad[0]?.message}`, problems);
      }
      const repository = context.repository;
      if (repository && normaliseRepository(repository) === null) {
        const message = `"${repository}" is not a repository: write host/owner/name, e.g. github.com/acme/monorepo`;
        throw invalid(message, [{ field: 'query.repository', message }]);
      }
      const built = await index();
      return things.map((thing) => resolveOwnership(thing, built, context));
    },
  };
}

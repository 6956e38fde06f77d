// The server's "who owns this?": the ownership index built from wherever the catalog and CODEOWNERS
// files come from, cached, and rebuilt on the first question after it is told the catalog changed.

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
}

export interface OwnershipService {
  /** Answers in input order; a bad thing rejects the whole question (invalid, naming which). */
  whoOwns(things: readonly string[], context?: ResolveContext): Promise<WhoOwnsAnswer[]>;
  /** The catalog or a CODEOWNERS file changed: the next question rebuilds the index. */
  catalogChanged(): void;
  index(): Promise<OwnershipIndex>;
}

export function createOwnershipService(sources: OwnershipSources): OwnershipService {
  let current: Promise<OwnershipIndex> | undefined;

  const build = async (): Promise<OwnershipIndex> => {
    const [entities, codeowners] = await Promise.all([sources.loadEntities(), sources.loadCodeowners()]);
    return buildOwnershipIndex({ entities, codeowners });
  };

  const index = (): Promise<OwnershipIndex> => {
    if (current) return current;
    const building = build().catch((error: unknown) => {
      // A failed build is not cached: the next question tries again.
      if (current === building) current = undefined;
      throw unavailable(
        `the catalog could not be loaded to answer who owns what: ${(error as Error).message}`,
      );
    });
    current = building;
    return building;
  };

  return {
    index,
    catalogChanged() {
      current = undefined;
    },
    async whoOwns(texts, context = {}) {
      const { things, bad } = parseThings(texts);
      if (bad.length > 0) {
        const problems = bad.map((b) => ({ field: `query.thing[${b.index}]`, message: b.message }));
        throw invalid(
          `${bad.length === 1 ? 'a thing is' : `${bad.length} things are`} not readable: ${bad[0]?.message}`,
          problems,
        );
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

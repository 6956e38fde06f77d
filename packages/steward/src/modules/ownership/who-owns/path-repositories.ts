// Which repository a path question is about: the one it names (`github.com/acme/shop:services/x`, or
// the request's repository), else the only one known. With several known, the repositories that have
// something to say about the path (a CODEOWNERS line, an entity located there) decide: one answers;
// several make the question ambiguous, and the answer lists them instead of guessing.
import type { WhoOwnsAnswer, WhoOwnsCandidate } from '../schemas.ts';
import { list, unowned } from './decide.ts';
import type { OwnershipIndex } from './ownership-index.ts';
import { repositoryIdentity } from './repository.ts';
import { type PathThing, resolvePathIn } from './resolve-path.ts';

export interface PathContext {
  /** The repository the path is in; default: the one repository that knows the path. */
  repository?: string | null;
}

export function resolvePath(
  thing: PathThing,
  index: OwnershipIndex,
  context: PathContext = {},
): WhoOwnsAnswer {
  const asked = thing.repository ?? context.repository;
  if (asked) return resolvePathIn(thing, index, repositoryIdentity(asked)).answer;
  if (index.defaultRepository !== null || index.repositories.size <= 1) {
    return resolvePathIn(thing, index, index.defaultRepository).answer;
  }
  return (
    knownPath(thing, index, context, 'known') ?? unknownAnywhere(thing, index, [...index.repositories].sort())
  );
}

/**
 * The answer for a path some known repository has something to say about (a CODEOWNERS line, an
 * entity located there), or undefined. A bare word that is no entity is a path only when that is
 * `specific`: more than a catch-all line or an entity claiming the whole repository.
 */
export function knownPath(
  thing: PathThing,
  index: OwnershipIndex,
  context: PathContext = {},
  how: 'known' | 'specific' = 'specific',
): WhoOwnsAnswer | undefined {
  const asked = thing.repository ?? context.repository;
  const repositories = asked
    ? [repositoryIdentity(asked)]
    : index.repositories.size === 0
      ? [index.defaultRepository]
      : [...index.repositories].sort();
  const knowing = repositories
    .map((repository) => ({ repository, ...resolvePathIn(thing, index, repository) }))
    .filter((r) => r[how]);
  const [only] = knowing;
  if (knowing.length <= 1) return only?.answer;
  return ambiguous(
    thing,
    knowing.map((k) => k.repository as string),
    knowing.flatMap((k) => candidateOf(k.repository as string, k.answer)),
  );
}

/** No repository knows the path: entities that name a path but no repository may still cover it. */
function unknownAnywhere(thing: PathThing, index: OwnershipIndex, repositories: string[]): WhoOwnsAnswer {
  const unplaced = resolvePathIn(thing, index, null).answer;
  if (unplaced.owned) return unplaced;
  const explanation = `No CODEOWNERS line and no catalog entity in any of the ${repositories.length} known repositories (${list(repositories)}) covers ${thing.path}; to ask one of them, write ${example(repositories[0] as string, thing.path)}.`;
  return { ...unowned({ thing: thing.text, kind: 'path' }, null, explanation), repository: null };
}

function ambiguous(thing: PathThing, repositories: string[], candidates: WhoOwnsCandidate[]): WhoOwnsAnswer {
  const explanation = `${thing.path} is in ${repositories.length} known repositories (${list(repositories)}), which may own it differently: ask for one, e.g. ${example(repositories[0] as string, thing.path)}.`;
  const answer = unowned({ thing: thing.text, kind: 'path' }, null, explanation, candidates);
  return { ...answer, repository: null, repositories };
}

function candidateOf(repository: string, answer: WhoOwnsAnswer): WhoOwnsCandidate[] {
  if (!answer.decidedBy) return [];
  const reason = `in ${repository}: ${answer.explanation}`;
  return [{ owners: answer.owners, decidedBy: answer.decidedBy, reason }];
}

/** `github.com/acme/shop:services/x`, or the repository field for a name that is no URL. */
function example(repository: string, path: string): string {
  return /\./.test(repository.split('/')[0] ?? '') && repository.includes('/')
    ? `${repository}:${path}`
    : `${path} with repository=${repository} (--repository in the CLI)`;
}

// Who owns a file in one repository: the repository's CODEOWNERS first (a matching line with no owners
// leaves the file explicitly unowned), else the entity whose repository and path cover it, the
// longest covering path winning. Which repository a question means: path-repositories.ts.
import type { PathOwnership } from '../codeowners/model.ts';
import type { Provenance, WhoOwnsAnswer, WhoOwnsCandidate } from '../schemas.ts';
import type { LocationClaim } from './claims.ts';
import {
  answerFromMatches,
  bestPerEntity,
  capitalise,
  list,
  type Match,
  owned,
  ownerWords,
  type Question,
  unowned,
  where,
} from './decide.ts';
import { mapCodeowner, ownersOf } from './owners.ts';
import type { IndexedCodeowners, OwnershipIndex } from './ownership-index.ts';
import type { Thing } from './thing.ts';

export type PathThing = Extract<Thing, { kind: 'path' }>;

/** An answer for a path in one repository, and whether that repository has anything to say about it. */
export interface RepositoryAnswer {
  answer: WhoOwnsAnswer;
  /** A CODEOWNERS line of the repository matches the path, or an entity located in it covers it. */
  known: boolean;
  /** Known by more than a catch-all: a line other than `*`, or an entity located below the repository's top. */
  specific: boolean;
}

const catchAll = new Set(['*', '/*', '**', '/**']);

export function resolvePathIn(
  thing: PathThing,
  index: OwnershipIndex,
  repository: string | null,
): RepositoryAnswer {
  const question: Question = { thing: thing.text, kind: 'path' };
  const codeowners = codeownersFor(index, repository);
  const matched = codeowners?.matcher.match(thing.path);
  const coverage = coverageMatches(thing.path, repository, index);
  const inRepository = coverage.some((m) => m.rank[1] === 2);
  const below = coverage.some((m) => m.rank[1] === 2 && (m.rank[0] ?? 0) > 0);
  const named = (answer: WhoOwnsAnswer) => ({ ...answer, repository });
  if (codeowners && matched && matched.line !== null) {
    const answer = codeownersAnswer(question, thing.path, codeowners, matched, coverage, index);
    return { answer: named(answer), known: true, specific: below || !catchAll.has(matched.pattern ?? '*') };
  }
  const noLine = codeowners
    ? `no line of ${codeowners.file} matches ${thing.path}`
    : `no CODEOWNERS file is known for ${repository ?? 'the repository'}`;
  const hint =
    repository === null
      ? ' (the repository is not known, so only entities with a path inside one count)'
      : '';
  const nothing = `${capitalise(noLine)}, and no catalog entity's repository and path cover it${hint}.`;
  const matches = coverage.map((m) => ({ ...m, how: `${m.how}, and ${noLine}` }));
  const answer = named(answerFromMatches(question, matches, index, nothing));
  return { answer, known: inRepository, specific: below };
}

function codeownersFor(index: OwnershipIndex, repository: string | null): IndexedCodeowners | undefined {
  const exact = index.codeowners.find((c) => c.repository === repository);
  if (exact || repository !== null) return exact;
  return index.codeowners.length === 1 ? index.codeowners[0] : undefined;
}

function codeownersAnswer(
  question: Question,
  path: string,
  codeowners: IndexedCodeowners,
  matched: PathOwnership,
  coverage: Match[],
  index: OwnershipIndex,
): WhoOwnsAnswer {
  const line = matched.line as number;
  const pattern = matched.pattern as string;
  const mapped = matched.owners.map((raw) => mapCodeowner(raw, index.directory));
  const decidedBy: Provenance = {
    source: 'codeowners',
    file: codeowners.file,
    line,
    rule: pattern,
    entity: null,
    ...(mapped.length > 0 ? { mapped: mapped.map((m) => m.mapping) } : {}),
  };
  const at = `line ${line} of ${codeowners.file} (${pattern})`;
  if (mapped.length === 0) {
    const candidates = bestPerEntity(coverage).map((m) =>
      lostTo(
        m,
        index,
        'CODEOWNERS leaves the file explicitly unowned, and CODEOWNERS decides before the catalog',
      ),
    );
    return unowned(
      question,
      decidedBy,
      `${capitalise(at)} matches ${path} last and names no owners: it is explicitly unowned.`,
      candidates,
    );
  }
  const owners = mapped.map((m) => m.owner);
  const sections = matched.sections ?? [];
  const how =
    sections.length > 1
      ? `the last matching line of each of its ${sections.length} CODEOWNERS sections (${list(sections.map((s) => `[${s.name}] line ${s.line}`))}) in ${codeowners.file}`
      : `${at} is the last line that matches it`;
  const candidates = bestPerEntity(coverage).map((m) =>
    lostTo(m, index, "CODEOWNERS decides a file's owners before the catalog"),
  );
  return owned(question, owners, decidedBy, `${path} is owned by ${ownerWords(owners)}: ${how}.`, candidates);
}

/** The catalog's matches, strongest first, as candidates that lost to CODEOWNERS. */
function lostTo(match: Match, index: OwnershipIndex, reason: string): WhoOwnsCandidate {
  return { owners: ownersOf(match.entity, index.byRef).owners, decidedBy: match.provenance, reason };
}

/** Every location covering the path: each directory above it, the repository root only when the repository is known. */
function coverageMatches(path: string, repository: string | null, index: OwnershipIndex): Match[] {
  const segments = path.split('/');
  const matches: Match[] = [];
  for (let depth = repository === null ? 1 : 0; depth <= segments.length; depth++) {
    const prefix = segments.slice(0, depth).join('/');
    for (const claim of index.locations.get(prefix) ?? []) {
      const repositoryRank =
        claim.repository === repository ? 2 : claim.repository === null || repository === null ? 1 : 0;
      if (repositoryRank === 0) continue;
      matches.push(locationMatch(claim, depth, repositoryRank));
    }
  }
  return matches;
}

const sourceRank = { fields: 4, 'source-location': 3, 'catalog-file': 2, 'project-slug': 1 } as const;
/** What a location is, in words: two locations of one depth differ in this, or in naming the repository. */
const sourceWords = {
  fields: 'spec.path',
  'source-location': 'a backstage.io/source-location',
  'catalog-file': 'the directory of its catalog-info.yaml',
  'project-slug': 'a github.com/project-slug',
} as const;

function locationMatch(claim: LocationClaim, depth: number, repositoryRank: number): Match {
  const covered = claim.path === '' ? `the whole of ${claim.repository}` : claim.path;
  const provenance = claim.provenance;
  return {
    entity: claim.entity,
    provenance,
    rank: [depth, repositoryRank, sourceRank[claim.source]],
    strength: `${sourceWords[claim.source]} covering ${covered}${repositoryRank === 1 ? ' (no repository named)' : ''}`,
    how: `${claim.entity.ref} covers ${covered} (${provenance.rule} at ${where(provenance)})`,
  };
}

// Choosing among the entities whose claims match a thing: the strongest match wins; a tie between
// entities with the same owners still answers, a tie with different owners answers nobody and says
// so. Every other match is kept as a candidate with the reason it lost.
import type { CatalogEntity } from '../../catalog/index.ts';
import type { Owner, Provenance, WhoOwnsAnswer, WhoOwnsCandidate, WhoOwnsKind } from '../schemas.ts';
import { ownersOf } from './owners.ts';
import type { OwnershipIndex } from './ownership-index.ts';

export interface Match {
  entity: CatalogEntity;
  provenance: Provenance;
  /** Compared element by element; higher wins. */
  rank: readonly number[];
  /** The match's strength in words, to say why one lost: "a selector with 2 labels". */
  strength: string;
  /** How it matched, completing "X is owned by Y: …". */
  how: string;
}

export interface Question {
  thing: string;
  kind: WhoOwnsKind;
}

/** Candidates kept in an answer: enough to see the competition, bounded for a huge catalog. */
const candidateLimit = 20;

export function answerFromMatches(
  question: Question,
  matches: readonly Match[],
  index: OwnershipIndex,
  nothing: string,
): WhoOwnsAnswer {
  const ranked = bestPerEntity(matches);
  const first = ranked[0];
  if (!first) return unowned(question, null, nothing);
  const top = ranked.filter((m) => compareRanks(m.rank, first.rank) === 0);
  const ownersByEntity = new Map(ranked.map((m) => [m.entity.ref, ownersOf(m.entity, index.byRef)]));
  const ownersFor = (m: Match) => ownersByEntity.get(m.entity.ref) ?? { owners: [], missing: [] };
  const lost = (m: Match, reason: string): WhoOwnsCandidate => ({
    owners: ownersFor(m).owners,
    decidedBy: m.provenance,
    reason,
  });
  const weaker = ranked
    .slice(top.length)
    .map((m) => lost(m, `${m.strength}, weaker than ${first.strength} of ${first.entity.ref}`));

  if (top.length === 1) {
    const { owners, missing } = ownersFor(first);
    if (owners.length === 0) {
      const why =
        missing.length > 0
          ? `names ${list(missing)} as owner, which the catalog does not have`
          : 'declares no owner';
      return unowned(
        question,
        first.provenance,
        `${capitalise(first.how)}, but ${first.entity.ref} ${why}.`,
        weaker,
      );
    }
    const note = missing.length > 0 ? `; ${list(missing)}, also named as owner, is not in the catalog` : '';
    const explanation = `${question.thing} is owned by ${ownerWords(owners)}: ${first.how}${note}.`;
    return owned(question, owners, first.provenance, explanation, weaker);
  }

  const refs = top.map((m) => m.entity.ref);
  const ownerSets = new Set(top.map((m) => ownerKey(ownersFor(m).owners)));
  const { owners } = ownersFor(first);
  if (ownerSets.size === 1 && owners.length > 0) {
    const same = top
      .slice(1)
      .map((m) => lost(m, `matches as strongly as ${first.entity.ref}, with the same owners`));
    const explanation = `${question.thing} is owned by ${ownerWords(owners)}: ${top.length} entities match it equally (${list(refs)}) and all have these owners; ${first.how}.`;
    return owned(question, owners, first.provenance, explanation, [...same, ...weaker]);
  }
  const tied = top.map((m) =>
    lost(m, `ties with ${list(refs.filter((r) => r !== m.entity.ref))}, which have other owners`),
  );
  const explanation = `${top.length} entities with different owners match ${question.thing} equally (${list(refs)}), so there is no one answer: make one of their ${first.provenance.source === 'label-convention' ? 'names' : 'selectors'} more specific.`;
  return unowned(question, null, explanation, [...tied, ...weaker]);
}

export function owned(
  question: Question,
  owners: Owner[],
  decidedBy: Provenance,
  explanation: string,
  candidates: WhoOwnsCandidate[] = [],
): WhoOwnsAnswer {
  return withCandidates({ ...question, owners, decidedBy, explanation, owned: true }, candidates);
}

export function unowned(
  question: Question,
  decidedBy: Provenance | null,
  explanation: string,
  candidates: WhoOwnsCandidate[] = [],
): WhoOwnsAnswer {
  return withCandidates({ ...question, owners: [], decidedBy, explanation, owned: false }, candidates);
}

function withCandidates(answer: WhoOwnsAnswer, candidates: WhoOwnsCandidate[]): WhoOwnsAnswer {
  return candidates.length === 0 ? answer : { ...answer, candidates: candidates.slice(0, candidateLimit) };
}

/** Strongest first, ties in ref order; one match per entity (its strongest). */
export function bestPerEntity(matches: readonly Match[]): Match[] {
  const sorted = [...matches].sort(
    (a, b) =>
      compareRanks(b.rank, a.rank) ||
      (a.entity.ref < b.entity.ref ? -1 : a.entity.ref > b.entity.ref ? 1 : 0),
  );
  const seen = new Set<string>();
  return sorted.filter((m) => !seen.has(m.entity.ref) && seen.add(m.entity.ref));
}

export function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function ownerKey(owners: readonly Owner[]): string {
  return owners
    .map((o) => o.ref ?? o.codeowner ?? '')
    .sort()
    .join(' ');
}

/** `group:default/payments`, `group:default/sre (secondary)`, `@acme/infra (not in the catalog)`. */
export function ownerWords(owners: readonly Owner[]): string {
  return list(
    owners.map((o) => {
      if (o.role === 'codeowner')
        return o.ref ? `${o.codeowner} (${o.ref})` : `${o.codeowner} (not in the catalog)`;
      return o.role === 'primary' || o.role === 'self' ? (o.ref ?? '') : `${o.ref} (${o.role})`;
    }),
  );
}

export function list(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function where(provenance: Provenance): string {
  return `${provenance.file}:${provenance.line}`;
}

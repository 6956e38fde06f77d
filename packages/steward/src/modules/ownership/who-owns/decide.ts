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
      return unowned(
        question,
        first.provenance,
        `${capitalise(first.how)}, but ${first.entity.ref} declares no owner.`,
        weaker,
      );
    }
    const explanation = `${question.thing} is owned by ${ownerWords(owners)}: ${first.how}${missingNote(missing)}.`;
    return owned(question, owners, first.provenance, explanation, weaker);
  }

  const refs = top.map((m) => m.entity.ref);
  const keyOf = (m: Match) => ownerKey(ownersFor(m).owners);
  const { owners } = ownersFor(first);
  if (new Set(top.map(keyOf)).size === 1 && owners.length > 0) {
    const same = top
      .slice(1)
      .map((m) => lost(m, `matches as strongly as ${first.entity.ref}, with the same owners`));
    const explanation = `${question.thing} is owned by ${ownerWords(owners)}: ${top.length} entities match it equally (${list(refs)}) and all have these owners; ${first.how}.`;
    return owned(question, owners, first.provenance, explanation, [...same, ...weaker]);
  }
  // Say what tied (each match as it matched) and with whom the owners differ, not just that they did.
  const tied = top.map((m) => {
    const others = top.filter((o) => keyOf(o) !== keyOf(m)).map((o) => o.entity.ref);
    return lost(
      m,
      `${m.strength}, as strong as that of ${list(others)}, which ${others.length === 1 ? 'has' : 'have'} other owners`,
    );
  });
  const matched = top.map((m) => `${m.entity.ref} by ${m.provenance.rule} (${where(m.provenance)})`);
  const explanation = `${top.length} entities with different owners match ${question.thing} equally (${list(matched)}), so there is no one answer: ${tieAdvice(first.provenance)}.`;
  return unowned(question, null, explanation, [...tied, ...weaker]);
}

/** What would break the tie, for the kind of match that tied. */
function tieAdvice(provenance: Provenance): string {
  if (provenance.source === 'label-convention') return 'give the one that owns it a selector of its own';
  if (provenance.rule.startsWith('metadata.links')) return 'give the one that owns it spec.selectors.urls';
  if (provenance.source === 'selector' || provenance.source === 'annotation')
    return 'make one of their selectors more specific';
  return 'give one of them a deeper spec.path, or say the owner in CODEOWNERS';
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

/** `group:default/payments`, `group:default/sre (secondary)`, `group:default/platform, not in this catalog`. */
export function ownerWords(owners: readonly Owner[]): string {
  return list(
    owners.map((o) => {
      if (o.role === 'codeowner')
        return o.ref ? `${o.codeowner} (${o.ref})` : `${o.codeowner} (not in this catalog)`;
      const absent = o.inCatalog === false ? ', not in this catalog' : '';
      const role = o.role === 'primary' || o.role === 'self' ? '' : ` (${o.role})`;
      return `${o.ref ?? ''}${role}${absent}`;
    }),
  );
}

/** Said once when a named owner is not in the catalog: the answer stands, the catalog has a gap. */
export function missingNote(missing: readonly string[]): string {
  if (missing.length === 0) return '';
  const verb = missing.length === 1 ? 'is' : 'are';
  return ` (${list(missing)} ${verb} still the owner as written; add ${missing.length === 1 ? 'it' : 'them'} to the catalog to see who that is)`;
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

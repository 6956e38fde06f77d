// Finds the last rule that matches a path without trying every rule. Literal directory rules live in a
// trie. Every other rule is filed under one thing a matching path must contain (a literal segment at a
// fixed depth, a literal segment anywhere, or a file extension), the rarest such key; a path looks up
// only the buckets its own segments name and tries candidates that would beat the best match so far,
// from the last line up, stopping at the first match.
import { matchTokens } from './pattern.ts';
import { PrefixTrie, type Ranked } from './prefix-trie.ts';
import { GLOBSTAR, LITERAL, PREFIX_AND_SUFFIX, type SegmentToken, SUFFIX } from './segment-glob.ts';

export interface IndexedRule {
  tokens: SegmentToken[];
}

interface Entry<R> extends Ranked<R> {
  /** Literal segments the path must hold besides the bucket's key: a cheap test before the matcher. */
  required: string[];
}

/** What one segment name can bring: buckets for it at each depth, and at any depth. */
interface Candidates<R> {
  atDepth: (Entry<R>[] | undefined)[];
  anyDepth: Entry<R>[] | null;
}

const noCandidates: Candidates<never> = { atDepth: [], anyDepth: null };

/** Segment names remembered at most; past it the rest are worked out each time they come. */
const maxRememberedSegments = 100_000;

type Key = { at: number; value: string } | { at: 'any'; value: string } | { at: 'extension'; value: string };

export class RuleIndex<R extends IndexedRule> {
  /** byDepth[i] maps a literal segment at depth i to its rules, last rule first. */
  private readonly byDepth: Map<string, Entry<R>[]>[] = [];
  private readonly anywhere = new Map<string, Entry<R>[]>();
  private readonly byExtension = new Map<string, Entry<R>[]>();
  private readonly unindexed: Entry<R>[] = [];
  private readonly literalPrefixes = new PrefixTrie<R>();
  private readonly bySegment = new Map<string, Candidates<R>>();

  /** `rules` in file order: later rules win. */
  constructor(rules: R[]) {
    const keysOf = rules.map((rule) => candidateKeys(rule.tokens));
    const population = new Map<string, number>();
    for (const keys of keysOf) {
      for (const key of new Set(keys.map(keyName))) population.set(key, (population.get(key) ?? 0) + 1);
    }
    for (let order = rules.length - 1; order >= 0; order--) {
      const rule = rules[order] as R;
      if (this.literalPrefixes.add(rule.tokens, { order, rule })) continue;
      const keys = keysOf[order] as Key[];
      const rarest = keys.reduce<Key | undefined>(
        (best, key) =>
          best === undefined || (population.get(keyName(key)) ?? 0) < (population.get(keyName(best)) ?? 0)
            ? key
            : best,
        undefined,
      );
      const keyed = rarest !== undefined && rarest.at !== 'extension' ? rarest.value : null;
      const required = new Set(literalsOf(rule.tokens).filter((value) => value !== keyed));
      const entry = { order, rule, required: [...required] };
      if (rarest === undefined) this.unindexed.push(entry);
      else push(this.bucketsFor(rarest), rarest.value, entry);
    }
  }

  /** The last rule whose tokens match the path's segments, or undefined. */
  lastMatch(segments: string[]): R | undefined {
    let best: Ranked<R> | undefined = this.literalPrefixes.lastMatch(segments);
    for (let i = 0; i < segments.length; i++) {
      const found = this.lookUp(segments[i] as string);
      if (found === noCandidates) continue;
      const atDepth = found.atDepth[i];
      if (atDepth !== undefined) best = firstMatch(atDepth, segments, best);
      if (found.anyDepth !== null) best = firstMatch(found.anyDepth, segments, best);
    }
    return firstMatch(this.unindexed, segments, best)?.rule;
  }

  /**
   * Every bucket a segment names, from one map lookup: most paths repeat the same few hundred names,
   * so each is worked out once (its buckets at each depth, anywhere and by extension) and remembered.
   */
  private lookUp(segment: string): Candidates<R> {
    const known = this.bySegment.get(segment);
    if (known !== undefined) return known;
    const found = this.candidatesFor(segment);
    if (this.bySegment.size < maxRememberedSegments) this.bySegment.set(segment, found);
    return found;
  }

  private candidatesFor(segment: string): Candidates<R> {
    const atDepth = this.byDepth.map((bucket) => bucket.get(segment));
    const buckets = [this.anywhere.get(segment), ...this.byExtensionsOf(segment)].filter(
      (bucket) => bucket !== undefined,
    );
    if (buckets.length === 0 && atDepth.every((bucket) => bucket === undefined)) return noCandidates;
    // One bucket, last rule first, walks the same as several: firstMatch stops at the first that beats.
    const anyDepth = buckets.length === 0 ? null : buckets.flat().sort((a, b) => b.order - a.order);
    return { atDepth, anyDepth };
  }

  /** `a.test.js` names the extension buckets `js` and `test.js`. */
  private byExtensionsOf(segment: string): (Entry<R>[] | undefined)[] {
    const dot = segment.lastIndexOf('.');
    if (dot < 0) return [];
    const secondDot = dot > 0 ? segment.lastIndexOf('.', dot - 1) : -1;
    const found = [this.byExtension.get(segment.slice(dot + 1))];
    if (secondDot >= 0) found.push(this.byExtension.get(segment.slice(secondDot + 1)));
    return found;
  }

  private bucketsFor(key: Key): Map<string, Entry<R>[]> {
    if (key.at === 'any') return this.anywhere;
    if (key.at === 'extension') return this.byExtension;
    while (this.byDepth.length <= key.at) this.byDepth.push(new Map());
    return this.byDepth[key.at] as Map<string, Entry<R>[]>;
  }
}

/** Tries a bucket's rules, last first, that would beat the best match so far. */
function firstMatch<R extends IndexedRule>(
  bucket: Entry<R>[] | undefined,
  segments: string[],
  best: Ranked<R> | undefined,
): Ranked<R> | undefined {
  if (bucket === undefined) return best;
  const floor = best === undefined ? -1 : best.order;
  for (const entry of bucket) {
    if (entry.order <= floor) return best;
    if (holdsAll(segments, entry.required) && matchTokens(entry.rule.tokens, segments)) return entry;
  }
  return best;
}

function holdsAll(segments: string[], required: string[]): boolean {
  for (const value of required) if (!segments.includes(value)) return false;
  return true;
}

function literalsOf(tokens: SegmentToken[]): string[] {
  return tokens.filter((token) => token.kind === LITERAL).map((token) => token.head);
}

/** What any path this rule matches must contain. */
function candidateKeys(tokens: SegmentToken[]): Key[] {
  const keys: Key[] = [];
  let fixedDepth = true;
  tokens.forEach((token, depth) => {
    if (token.kind === GLOBSTAR) fixedDepth = false;
    else if (token.kind === LITERAL) {
      keys.push(fixedDepth ? { at: depth, value: token.head } : { at: 'any', value: token.head });
    } else if (token.kind === SUFFIX || token.kind === PREFIX_AND_SUFFIX) {
      for (const extension of extensionsOf(token.tail)) keys.push({ at: 'extension', value: extension });
    }
  });
  return keys;
}

/**
 * `.test.js` → `js` and `test.js`: a segment ending in the suffix has these after its last dot and
 * after its second-last dot, so `*.test.js` need not share a bucket with every `*.js` rule.
 */
function extensionsOf(suffix: string): string[] {
  const dot = suffix.lastIndexOf('.');
  if (dot < 0 || dot === suffix.length - 1) return [];
  const secondDot = dot > 0 ? suffix.lastIndexOf('.', dot - 1) : -1;
  const last = suffix.slice(dot + 1);
  return secondDot >= 0 && secondDot < dot - 1 ? [last, suffix.slice(secondDot + 1)] : [last];
}

function keyName(key: Key): string {
  return `${key.at}\u0000${key.value}`;
}

function push<R>(map: Map<string, Entry<R>[]>, value: string, entry: Entry<R>): void {
  const bucket = map.get(value);
  if (bucket) bucket.push(entry);
  else map.set(value, [entry]);
}

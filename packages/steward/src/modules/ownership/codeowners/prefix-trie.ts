// The commonest CODEOWNERS rule is a run of literal directories from the root (`/services/cart/`,
// `/docs/`, `src/generated`). Such a rule is decided by how far a path walks down a trie of segments,
// so these rules never run the general matcher: one map lookup per path segment finds the last one.
import { ANY, GLOBSTAR, LITERAL, type SegmentToken } from './segment-glob.ts';

export interface Ranked<R> {
  order: number;
  rule: R;
}

/** How a literal-prefix rule treats what follows its literal segments. */
type Tail = 'exact' | 'self-or-below' | 'below';

interface TrieNode<R> {
  children: Map<string, TrieNode<R>>;
  /** The last rule matching a path of exactly this depth, one at any depth from here, one strictly below. */
  exact: Ranked<R> | undefined;
  selfOrBelow: Ranked<R> | undefined;
  below: Ranked<R> | undefined;
}

export class PrefixTrie<R> {
  private readonly root: TrieNode<R> = node();

  /** Files the rule and returns true when it is a literal-prefix rule, false to leave it to the caller. */
  add(tokens: SegmentToken[], entry: Ranked<R>): boolean {
    const literals = leadingLiterals(tokens);
    const tail = tailOf(tokens.slice(literals));
    if (tail === null || literals === 0) return false;
    let at = this.root;
    for (let i = 0; i < literals; i++) {
      const segment = (tokens[i] as SegmentToken).head;
      let child = at.children.get(segment);
      if (child === undefined) {
        child = node();
        at.children.set(segment, child);
      }
      at = child;
    }
    const key = tail === 'exact' ? 'exact' : tail === 'below' ? 'below' : 'selfOrBelow';
    const current = at[key];
    if (current === undefined || current.order < entry.order) at[key] = entry;
    return true;
  }

  /** The last literal-prefix rule matching the path. */
  lastMatch(segments: string[]): Ranked<R> | undefined {
    let best: Ranked<R> | undefined;
    let at = this.root;
    const depth = segments.length;
    for (let i = 0; i < depth; i++) {
      const next = at.children.get(segments[i] as string);
      if (next === undefined) break;
      at = next;
      const reached = i + 1;
      best = later(best, next.selfOrBelow);
      if (reached === depth) best = later(best, next.exact);
      else best = later(best, next.below);
    }
    return best;
  }
}

function node<R>(): TrieNode<R> {
  return { children: new Map(), exact: undefined, selfOrBelow: undefined, below: undefined };
}

function later<R>(a: Ranked<R> | undefined, b: Ranked<R> | undefined): Ranked<R> | undefined {
  if (b === undefined) return a;
  return a === undefined || b.order > a.order ? b : a;
}

function leadingLiterals(tokens: SegmentToken[]): number {
  let count = 0;
  while (count < tokens.length && (tokens[count] as SegmentToken).kind === LITERAL) count++;
  return count;
}

// The tails a trie can decide: none (exact), a globstar (self or below), a globstar and one segment
// in either order (strictly below).
function tailOf(rest: SegmentToken[]): Tail | null {
  const kinds = rest.map((token) => token.kind);
  if (kinds.length === 0) return 'exact';
  if (kinds.length === 1 && kinds[0] === GLOBSTAR) return 'self-or-below';
  if (kinds.length === 2 && kinds.includes(GLOBSTAR) && kinds.includes(ANY)) return 'below';
  return null;
}

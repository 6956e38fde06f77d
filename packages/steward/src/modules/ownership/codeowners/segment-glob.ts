// One path segment of a CODEOWNERS pattern, compiled to the cheapest test that decides it.
// Most segments are literals or `*.ext`; the rarer ones (several `*`, `?`, `[...]`) are matched
// without backtracking, never by a RegExp (see wildcard.ts).
import {
  anyUnitAtom,
  type GlobAtom,
  matchAtoms,
  matchPieces,
  parseBracket,
  starAtom,
  unitAtom,
} from './wildcard.ts';

export type Flavor = 'github' | 'gitlab';

/** `**` standing alone between slashes: zero or more whole segments. */
export const GLOBSTAR = 0;
export const LITERAL = 1;
/** `*` alone: any one segment. */
export const ANY = 2;
export const PREFIX = 3;
export const SUFFIX = 4;
export const PREFIX_AND_SUFFIX = 5;
/** Anything else: `?` or brackets. */
export const WILDCARD = 6;
/** Three or more literal pieces with `*` between: `*.test.*`, `a*b*c`. */
export const PIECES = 7;

export interface SegmentToken {
  kind: number;
  /** The literal text (LITERAL), or the text before the first `*` (PREFIX, PREFIX_AND_SUFFIX). */
  head: string;
  /** The text after the last `*` (SUFFIX, PREFIX_AND_SUFFIX). */
  tail: string;
  /** PIECES: the pieces between the first `*` and the last. */
  middle: string[] | null;
  /** WILDCARD: the whole segment glob. */
  atoms: GlobAtom[] | null;
}

export const globstar: SegmentToken = { kind: GLOBSTAR, head: '', tail: '', middle: null, atoms: null };
export const anySegment: SegmentToken = { kind: ANY, head: '', tail: '', middle: null, atoms: null };

/** `literal`: the text this part stands for, when it stands for exactly one. */
type Part = { atom: GlobAtom; literal: string | null };

export function segmentMatches(token: SegmentToken, segment: string): boolean {
  switch (token.kind) {
    case LITERAL:
      return segment === token.head;
    case ANY:
      return true;
    case SUFFIX:
      return segment.endsWith(token.tail);
    case PREFIX:
      return segment.startsWith(token.head);
    case PREFIX_AND_SUFFIX:
      return (
        segment.length >= token.head.length + token.tail.length &&
        segment.startsWith(token.head) &&
        segment.endsWith(token.tail)
      );
    case PIECES:
      return matchPieces(token.head, token.middle as string[], token.tail, segment);
    case WILDCARD:
      return matchAtoms(token.atoms as GlobAtom[], segment);
    default:
      return false;
  }
}

/**
 * Compiles one segment (no `/` in it). `*` matches any run of characters, `?` one character, `\x` the
 * character x; GitLab (Ruby's File.fnmatch) also has bracket expressions, which GitHub rejects earlier.
 */
export function compileSegment(glob: string, flavor: Flavor): SegmentToken {
  const parts = parseParts(glob, flavor);
  if (parts.every((p) => p.atom === starAtom || p.literal !== null)) return fromStarsAndLiterals(parts);
  return wildcard(parts);
}

function wildcard(parts: Part[]): SegmentToken {
  return { kind: WILDCARD, head: '', tail: '', middle: null, atoms: parts.map((p) => p.atom) };
}

function fromStarsAndLiterals(parts: Part[]): SegmentToken {
  const pieces: string[] = [''];
  for (const part of parts) {
    if (part.atom === starAtom) pieces.push('');
    else pieces[pieces.length - 1] = `${pieces.at(-1)}${part.literal}`;
  }
  const head = pieces[0] ?? '';
  const tail = pieces[pieces.length - 1] ?? '';
  if (pieces.length === 1) return { kind: LITERAL, head, tail: '', middle: null, atoms: null };
  if (pieces.length === 2) {
    if (head === '' && tail === '') return anySegment;
    if (head === '') return { kind: SUFFIX, head: '', tail, middle: null, atoms: null };
    if (tail === '') return { kind: PREFIX, head, tail: '', middle: null, atoms: null };
    return { kind: PREFIX_AND_SUFFIX, head, tail, middle: null, atoms: null };
  }
  return { kind: PIECES, head, tail, middle: pieces.slice(1, -1), atoms: null };
}

function parseParts(glob: string, flavor: Flavor): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i] as string;
    if (ch === '*') {
      if (parts.at(-1)?.atom !== starAtom) parts.push({ atom: starAtom, literal: null });
      i++;
    } else if (ch === '?') {
      parts.push({ atom: anyUnitAtom, literal: null });
      i++;
    } else if (ch === '\\' && i + 1 < glob.length) {
      parts.push(literalPart(glob, i + 1));
      i += 2;
    } else if (ch === '[' && flavor === 'gitlab') {
      const bracket = parseBracket(glob, i);
      parts.push(bracket ? { atom: bracket.atom, literal: null } : literalPart(glob, i));
      i = bracket ? bracket.end : i + 1;
    } else {
      parts.push(literalPart(glob, i));
      i++;
    }
  }
  return parts;
}

function literalPart(glob: string, at: number): Part {
  return { atom: unitAtom(glob.charCodeAt(at)), literal: glob[at] as string };
}

// One path segment of a CODEOWNERS pattern, compiled to the cheapest test that decides it.
// Most segments are literals or `*.ext`; only the rare `?`/`[...]` ones pay for a RegExp.

export type Flavor = 'github' | 'gitlab';

/** `**` standing alone between slashes: zero or more whole segments. */
export const GLOBSTAR = 0;
export const LITERAL = 1;
/** `*` alone: any one segment. */
export const ANY = 2;
export const PREFIX = 3;
export const SUFFIX = 4;
export const PREFIX_AND_SUFFIX = 5;
export const REGEX = 6;

export interface SegmentToken {
  kind: number;
  /** The literal text (LITERAL), or the text before the first `*` (PREFIX, PREFIX_AND_SUFFIX). */
  head: string;
  /** The text after the last `*` (SUFFIX, PREFIX_AND_SUFFIX). */
  tail: string;
  regex: RegExp | null;
}

export const globstar: SegmentToken = { kind: GLOBSTAR, head: '', tail: '', regex: null };
export const anySegment: SegmentToken = { kind: ANY, head: '', tail: '', regex: null };

type Part = { star: true } | { star: false; source: string; literal: string | null };

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
    case REGEX:
      return (token.regex as RegExp).test(segment);
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
  if (parts.every((p) => p.star || p.literal !== null)) return fromStarsAndLiterals(parts);
  const source = parts.map((p) => (p.star ? '[^/]*' : p.source)).join('');
  return { kind: REGEX, head: '', tail: '', regex: new RegExp(`^${source}$`, 's') };
}

function fromStarsAndLiterals(parts: Part[]): SegmentToken {
  const pieces: string[] = [''];
  for (const part of parts) {
    if (part.star) pieces.push('');
    else pieces[pieces.length - 1] = `${pieces.at(-1)}${part.literal}`;
  }
  const head = pieces[0] ?? '';
  const tail = pieces[pieces.length - 1] ?? '';
  if (pieces.length === 1) return { kind: LITERAL, head, tail: '', regex: null };
  if (pieces.length === 2) {
    if (head === '' && tail === '') return anySegment;
    if (head === '') return { kind: SUFFIX, head: '', tail, regex: null };
    if (tail === '') return { kind: PREFIX, head, tail: '', regex: null };
    return { kind: PREFIX_AND_SUFFIX, head, tail, regex: null };
  }
  const source = pieces.map(escapeRegex).join('[^/]*');
  return { kind: REGEX, head: '', tail: '', regex: new RegExp(`^${source}$`, 's') };
}

function parseParts(glob: string, flavor: Flavor): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i] as string;
    if (ch === '*') {
      if (!parts.at(-1)?.star) parts.push({ star: true });
      i++;
    } else if (ch === '?') {
      parts.push({ star: false, source: '[^/]', literal: null });
      i++;
    } else if (ch === '\\' && i + 1 < glob.length) {
      parts.push(literalPart(glob[i + 1] as string));
      i += 2;
    } else if (ch === '[' && flavor === 'gitlab') {
      const bracket = parseBracket(glob, i);
      parts.push(bracket ? { star: false, source: bracket.source, literal: null } : literalPart(ch));
      i = bracket ? bracket.end : i + 1;
    } else {
      parts.push(literalPart(ch));
      i++;
    }
  }
  return parts;
}

function literalPart(text: string): Part {
  return { star: false, source: escapeRegex(text), literal: text };
}

/** A POSIX bracket expression as Ruby's fnmatch reads it: `[abc]`, `[a-z]`, `[!x]` / `[^x]`. */
function parseBracket(glob: string, start: number): { source: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  while (i < glob.length && (glob[i] !== ']' || first)) {
    let ch = glob[i] as string;
    const escaped = ch === '\\' && i + 1 < glob.length;
    if (escaped) ch = glob[++i] as string;
    const isRange = ch === '-' && !escaped && !first && glob[i + 1] !== ']';
    body += isRange ? '-' : escapeClassChar(ch);
    first = false;
    i++;
  }
  if (i >= glob.length) return null;
  return { source: `[${negate ? '^' : ''}${body}]`, end: i + 1 };
}

function escapeClassChar(ch: string): string {
  return /[\\\]^-]/.test(ch) ? `\\${ch}` : ch;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// The segment matcher against the RegExp the compiler used to build, on generated globs (`*`, `?`,
// brackets, escapes) and segments small enough that the RegExp's backtracking is harmless. The two
// must agree everywhere the RegExp exists; where V8 refused one (a reversed range such as `[z-a]`),
// the matcher reads it as Ruby's fnmatch does, as a range holding nothing, instead of throwing.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../platform/seeded-random.ts';
import { compileSegment, type Flavor, PIECES, segmentMatches, WILDCARD } from './segment-glob.ts';

function referenceRegex(glob: string, flavor: Flavor): RegExp | null {
  let source = '';
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i] as string;
    const bracket = ch === '[' && flavor === 'gitlab' ? referenceBracket(glob, i) : null;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '\\' && i + 1 < glob.length) source += escapeRegex(glob[++i] as string);
    else if (bracket) {
      source += bracket.source;
      i = bracket.end - 1;
    } else source += escapeRegex(ch);
    i++;
  }
  try {
    return new RegExp(`^${source}$`, 's');
  } catch {
    return null;
  }
}

function referenceBracket(glob: string, start: number): { source: string; end: number } | null {
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
    body += isRange ? '-' : /[\\\]^-]/.test(ch) ? `\\${ch}` : ch;
    first = false;
    i++;
  }
  if (i >= glob.length) return null;
  return { source: `[${negate ? '^' : ''}${body}]`, end: i + 1 };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const units = ['a', 'b', 'c', '-', ']', '[', '\\', '!', '^', '.', '😀'];
const globPieces = [...units, 'a', 'b', '*', '*', '*', '?', '?', '\\*', '\\?', '\\[', '**'];

function randomBracket(next: () => number): string {
  const pick = (items: string[]) => items[Math.floor(next() * items.length)] as string;
  const negation = next() < 0.3 ? pick(['!', '^']) : '';
  const body = Array.from({ length: Math.floor(next() * 5) }, () =>
    pick(['a', 'b', 'c', 'z', '-', '-', '\\-', '\\]', ']', '^', '!', '\\']),
  );
  return `[${negation}${body.join('')}${next() < 0.9 ? ']' : ''}`;
}

function randomGlob(next: () => number): string {
  const pick = (items: string[]) => items[Math.floor(next() * items.length)] as string;
  const length = 1 + Math.floor(next() * 7);
  return Array.from({ length }, () => (next() < 0.2 ? randomBracket(next) : pick(globPieces))).join('');
}

/** Literals and stars only: what `*.test.*` and `a*b*c` compile to. */
function randomStarGlob(next: () => number): string {
  const pick = (items: string[]) => items[Math.floor(next() * items.length)] as string;
  const length = 3 + Math.floor(next() * 6);
  return Array.from({ length }, () => pick(['a', 'b', '.', '😀', '*', '*', '\\*'])).join('');
}

function randomSegment(next: () => number): string {
  const pick = (items: string[]) => items[Math.floor(next() * items.length)] as string;
  return Array.from({ length: Math.floor(next() * 9) }, () => pick(units)).join('');
}

/** A segment written after the glob, so that about half of them match: `*` as a few units, and so on. */
function segmentLike(glob: string, next: () => number): string {
  const pick = (items: string[]) => items[Math.floor(next() * items.length)] as string;
  let segment = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') segment += Array.from({ length: Math.floor(next() * 3) }, () => pick(units)).join('');
    else if (ch === '?') segment += pick(units);
    else if (ch === '\\' && i + 1 < glob.length) segment += glob[++i];
    else if (ch === '[' && next() < 0.7) {
      const close = glob.indexOf(']', i + 2);
      if (close > 0) i = close;
      segment += pick(['a', 'b', 'c', '-', 'z']);
    } else segment += ch;
  }
  return segment;
}

describe('segment globs, matched without backtracking', () => {
  it.each(['github', 'gitlab'] as const)(
    'agree with the RegExp compilation on generated globs (%s)',
    (flavor) => {
      const next = seededRandom(flavor === 'github' ? 11 : 12);
      let compared = 0;
      let matched = 0;
      let wildcards = 0;
      let pieces = 0;
      for (let round = 0; round < 6_000; round++) {
        const glob = round % 3 === 0 ? randomStarGlob(next) : randomGlob(next);
        const token = compileSegment(glob, flavor);
        const reference = referenceRegex(glob, flavor);
        if (token.kind === WILDCARD) wildcards++;
        if (token.kind === PIECES) pieces++;
        for (let s = 0; s < 25; s++) {
          const segment = s % 2 === 0 ? randomSegment(next) : segmentLike(glob, next);
          const matches = segmentMatches(token, segment);
          if (reference === null) continue;
          compared++;
          if (matches) matched++;
          expect(matches, `${glob} against ${segment}`).toBe(reference.test(segment));
        }
      }
      // The generator must reach every kind of segment and both outcomes, or agreement proves little.
      expect(compared).toBeGreaterThan(120_000);
      expect(wildcards).toBeGreaterThan(800);
      expect(pieces).toBeGreaterThan(600);
      expect(matched).toBeGreaterThan(30_000);
    },
  );

  it('reads a reversed range as holding nothing, where V8 refused the RegExp', () => {
    expect(referenceRegex('[z-a]x', 'gitlab')).toBeNull();
    const token = compileSegment('[z-ab]x', 'gitlab');
    expect(['bx', 'ax', 'zx', 'mx'].filter((segment) => segmentMatches(token, segment))).toEqual(['bx']);
    expect(segmentMatches(compileSegment('[!z-a]', 'gitlab'), 'q')).toBe(true);
  });

  it('matches one UTF-16 unit per `?` and per class, as the RegExp did', () => {
    expect(segmentMatches(compileSegment('?', 'github'), '😀')).toBe(false);
    expect(segmentMatches(compileSegment('??', 'github'), '😀')).toBe(true);
    expect(segmentMatches(compileSegment('[😀][😀]', 'gitlab'), '😀')).toBe(true);
  });
});

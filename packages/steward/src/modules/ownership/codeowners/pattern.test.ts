// The segment compiler checked against a second, independent reading of the same rules: a direct
// translation of gitignore's PATTERN FORMAT (plus GitHub's `docs/*` exception) into one RegExp.
import { describe, expect, it } from 'vitest';
import { compileGithubPattern, matchTokens } from './pattern.ts';

function referenceRegex(pattern: string): RegExp {
  const directoryOnly = pattern.endsWith('/');
  const body = pattern.replace(/\/+$/, '');
  if (body === '**') return directoryOnly ? /^.+\/.+$/ : /^.+$/;
  const anchored = body.includes('/');
  const segments = body.replace(/^\//, '').split('/');
  let source = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') source += i === 0 ? '(?:.*/)?' : last ? '.+' : '(?:.*/)?';
    else source += globToRegex(segment) + (last ? '' : '/');
  });
  const lastSegment = segments[segments.length - 1];
  // A directory match owns everything beneath; `dir/` is a directory only; `dir/*` is files only.
  const tail = directoryOnly ? '/.+' : lastSegment === '*' || lastSegment === '**' ? '' : '(?:/.+)?';
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}${tail}$`);
}

function globToRegex(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (ch === '\\') out += escapeRegExp(segment[++i] ?? '');
    else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += escapeRegExp(ch);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const pathNames = ['src', 'docs', 'apps', 'a.js', 'b.md', 'x.test.js', 'f*o', 'logs', 'README'];
const patternParts = [...pathNames, '*', '**', '*.js', 'a*', '*s', '?', 'd?cs', '\\*', 'f\\*o', 'x.*'];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('compileGithubPattern', () => {
  it('agrees with a regex translation of the gitignore rules on generated patterns and paths', () => {
    const next = random(7);
    const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)] as T;
    let agreedMatches = 0;
    for (let round = 0; round < 3_000; round++) {
      const depth = 1 + Math.floor(next() * 3);
      const body = Array.from({ length: depth }, () => pick(patternParts)).join('/');
      const pattern = `${next() < 0.4 ? '/' : ''}${body}${next() < 0.3 ? '/' : ''}`;
      const tokens = compileGithubPattern(pattern);
      const regex = referenceRegex(pattern);
      for (let p = 0; p < 20; p++) {
        const path = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(pathNames)).join('/');
        const expected = regex.test(path);
        if (expected) agreedMatches++;
        expect(matchTokens(tokens, path.split('/')), `${pattern} against ${path}`).toBe(expected);
      }
    }
    expect(agreedMatches).toBeGreaterThan(3_000);
  });

  it('matches nothing for a bare slash', () => {
    expect(matchTokens(compileGithubPattern('/'), ['a'])).toBe(false);
  });
});

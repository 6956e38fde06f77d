// The index must be invisible: for any rules and path it answers what trying every rule from the last
// line up answers. Checked on generated rule sets, where a mistake in bucketing would show.
import { describe, expect, it } from 'vitest';
import { compileGithubPattern, compileGitlabPattern, matchTokens } from './pattern.ts';
import { RuleIndex } from './rule-index.ts';
import type { SegmentToken } from './segment-glob.ts';

const names = ['src', 'docs', 'apps', 'logs', 'a.js', 'b.md', 'lib', 'test', 'x.test.js', 'README'];
const patternParts = [...names, '*', '**', '*.js', '*.md', '*.test.js', 'a*', '*s', '?', 'd*s', 'l?b', 'x.*'];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function pick<T>(next: () => number, items: T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function randomPattern(next: () => number): string {
  const depth = 1 + Math.floor(next() * 3);
  const body = Array.from({ length: depth }, () => pick(next, patternParts)).join('/');
  return `${next() < 0.4 ? '/' : ''}${body}${next() < 0.3 ? '/' : ''}`;
}

function randomPath(next: () => number): string[] {
  return Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(next, names));
}

function lastByScanning(rules: { tokens: SegmentToken[] }[], segments: string[]) {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i] as { tokens: SegmentToken[] };
    if (matchTokens(rule.tokens, segments)) return rule;
  }
  return undefined;
}

describe('RuleIndex', () => {
  it.each([
    ['github', compileGithubPattern],
    ['gitlab', compileGitlabPattern],
  ] as const)('finds the same last match as scanning every rule (%s patterns)', (_flavor, compile) => {
    const next = random(42);
    let matched = 0;
    for (let round = 0; round < 40; round++) {
      const rules = Array.from({ length: 1 + Math.floor(next() * 60) }, (_, line) => {
        const pattern = randomPattern(next);
        return { line, pattern, tokens: compile(pattern) };
      });
      const index = new RuleIndex(rules);
      for (let p = 0; p < 200; p++) {
        const segments = randomPath(next);
        const expected = lastByScanning(rules, segments);
        if (expected) matched++;
        expect(index.lastMatch(segments), `${segments.join('/')}`).toBe(expected);
      }
    }
    // The generator must exercise both outcomes, or the comparison proves little.
    expect(matched).toBeGreaterThan(1000);
    expect(matched).toBeLessThan(8000);
  });
});

// answerJson is the command line's fast path: it must print exactly what JSON.stringify prints for
// match(), on both flavours, for every path, however odd, and however many paths share a line.
import { describe, expect, it } from 'vitest';
import { compileCodeowners } from '../index.ts';
import { answerJson } from './model.ts';
import { githubCodeowners, gitlabCodeowners, oddPaths } from './odd-corpus.test-support.ts';

describe('answerJson', () => {
  it.each([
    ['github', githubCodeowners],
    ['gitlab', gitlabCodeowners],
  ] as const)('is JSON.stringify(match(path)) byte for byte (%s)', (flavor, text) => {
    const matcher = compileCodeowners(text, flavor);
    const paths = [...oddPaths(20_000), 'lone\ud800surrogate', '', '/', 'a\u2028b'];
    const outcomes = new Set<string>();
    for (const path of paths) {
      // Twice: the second answer comes from the remembered line.
      const expected = JSON.stringify(matcher.match(path));
      expect(answerJson(matcher, path), path).toBe(expected);
      expect(answerJson(matcher, path), path).toBe(expected);
      outcomes.add(JSON.stringify({ ...matcher.match(path), path: '' }));
    }
    // The corpus must reach many different deciding lines, unmatched and unowned answers among them.
    expect(outcomes.size).toBeGreaterThan(12);
  });

  it('hand-checked answers for a few odd paths', () => {
    const matcher = compileCodeowners(githubCodeowners);
    expect(answerJson(matcher, 'services/cart/generated/x "y".ts')).toBe(
      '{"path":"services/cart/generated/x \\"y\\".ts","owners":[],"line":9,"pattern":"/services/cart/generated/"}',
    );
    expect(answerJson(matcher, 'données/été.txt')).toBe(
      '{"path":"données/été.txt","owners":["@acme/fr"],"line":18,"pattern":"/données/"}',
    );
    expect(answerJson(matcher, 'x/launch.🚀')).toBe(
      '{"path":"x/launch.🚀","owners":["@acme/rocket"],"line":19,"pattern":"*.🚀"}',
    );
    expect(answerJson(matcher, 'tab\there/bell\u0007')).toBe(
      '{"path":"tab\\there/bell\\u0007","owners":["@acme/platform"],"line":2,"pattern":"*"}',
    );
    const gitlab = compileCodeowners('/docs/ @docs\n', 'gitlab');
    expect(answerJson(gitlab, 'src/a.ts')).toBe(
      '{"path":"src/a.ts","owners":[],"line":null,"pattern":null,"sections":[]}',
    );
  });
});

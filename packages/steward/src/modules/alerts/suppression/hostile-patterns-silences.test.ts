// A silence's regex comes from whoever may create a silence: on V8's backtracking RegExp, `(a+)+b`
// against a long run of a's would hold the event loop for ever. On RE2 it is linear in the text.
import { describe, expect, it } from 'vitest';
import { compileMatchers, matchesAll } from './matchers.ts';

const timed = (run: () => boolean) => {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
};

describe('hostile silence regexes', () => {
  it('match in time linear in the label value', () => {
    for (const pattern of ['(a+)+b', '(a|aa)+b', '(a*)*b', '(x+x+)+y']) {
      const matchers = compileMatchers([`summary=~${JSON.stringify(pattern)}`], 'matchers');
      const short = timed(() => matchesAll(matchers, { summary: `${'a'.repeat(20_000)}!` }));
      const long = timed(() => matchesAll(matchers, { summary: `${'a'.repeat(200_000)}!` }));
      expect(short.result).toBe(false);
      expect(long.result).toBe(false);
      // 10× the text: a backtracking engine would not finish at all; linear takes about 10×.
      expect(long.ms).toBeLessThan(2_000);
      expect(long.ms).toBeLessThan(Math.max(short.ms, 20) * 50);
    }
  });
});

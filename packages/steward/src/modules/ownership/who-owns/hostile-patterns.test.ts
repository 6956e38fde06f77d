// Patterns chosen to freeze a backtracking matcher, and texts long enough that V8's RegExp would take
// seconds to years on them. Each answer must be right, and come back in well under a second: the
// bound is generous on purpose, because the failure it guards against is exponential, not slow.
import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../../catalog/index.ts';
import { buildOwnershipIndex } from './ownership-index.ts';
import { resolveOwnership } from './resolve.ts';
import { parseThing } from './thing.ts';

const bound = 1_000;
const long = 'a'.repeat(10_000);

function timed<T>(work: () => T): T {
  const start = performance.now();
  const result = work();
  expect(performance.now() - start, 'milliseconds').toBeLessThan(bound);
  return result;
}

function serviceWithMatcher(name: string, matcher: string): string {
  return [
    '---',
    'apiVersion: steward.dev/v1',
    'kind: Service',
    `metadata: { name: ${name} }`,
    'spec:',
    '  lifecycle: production',
    '  tier: 2',
    '  owners: [{ ref: group:payments, role: primary }]',
    '  selectors:',
    `    alerts: { matchers: [${JSON.stringify(matcher)}] }`,
  ].join('\n');
}

const hostileRegexes = [
  { pattern: '(a+)+b', matching: `${long}b` },
  { pattern: '(a|aa)*c', matching: `${long}c` },
  { pattern: '(.*a){20}!', matching: `${long}!` },
  { pattern: '(x+x+)+y|(a*)*b', matching: `${long}b` },
  { pattern: '((a*)*|b)*c', matching: `${long}c` },
];

function askAlert(matcher: string, value: string) {
  const group =
    '---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: payments }\nspec: { type: team, children: [] }\n';
  const catalog = validateCatalog([
    { file: 'org.yaml', content: group },
    { file: 'hostile.yaml', content: serviceWithMatcher('greedy', `service=~"${matcher}"`) },
  ]);
  expect(catalog.errors).toEqual([]);
  const index = buildOwnershipIndex({ entities: catalog.entities });
  const parsed = parseThing(`alert:{service="${value}"}`);
  if (!parsed.ok) throw new Error(parsed.message);
  return timed(() => resolveOwnership(parsed.thing, index));
}

describe('who owns an alert, when a catalog matcher is written to backtrack', () => {
  it.each(hostileRegexes)('$pattern: a 10,000-character label that does not match', ({ pattern }) => {
    const answer = askAlert(pattern, long);
    expect(answer.owned).toBe(false);
  });

  it.each(hostileRegexes)('$pattern: a 10,000-character label that matches', ({ pattern, matching }) => {
    const answer = askAlert(pattern, matching);
    expect(answer).toMatchObject({ owned: true, decidedBy: { entity: 'service:default/greedy' } });
  });
});

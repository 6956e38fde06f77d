// Patterns chosen to freeze a backtracking matcher, and texts long enough that V8's RegExp would take
// seconds to years on them. Each answer must be right, and come back in well under a second: the
// bound is generous on purpose, because the failure it guards against is exponential, not slow.
import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../../catalog/index.ts';
import { compileCodeowners } from '../codeowners/match.ts';
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

const manyStars = `${'a*'.repeat(30)}b`;
const manyQuestions = `${'?*'.repeat(30)}b`;
const manyGlobstars = `${'**/a/'.repeat(30)}b`;
// GitLab reads a line starting with `[` as a section header: these start with a letter.
const manyBrackets = `a${'[ab]*'.repeat(30)}c`;

describe('who owns a path, when a CODEOWNERS line is written to backtrack', () => {
  const cases = [
    { flavor: 'github', pattern: manyStars, miss: `src/${long}`, hit: `src/${long}b` },
    { flavor: 'github', pattern: manyQuestions, miss: `src/${long}`, hit: `src/${long}b` },
    {
      flavor: 'github',
      pattern: manyGlobstars,
      miss: Array(2_000).fill('a').join('/'),
      hit: `${Array(2_000).fill('a').join('/')}/b`,
    },
    { flavor: 'gitlab', pattern: manyStars, miss: `src/${long}`, hit: `src/${long}b` },
    {
      flavor: 'gitlab',
      pattern: manyBrackets,
      miss: `src/${'ab'.repeat(5_000)}`,
      hit: `src/${'ab'.repeat(5_000)}c`,
    },
    { flavor: 'gitlab', pattern: `a[!x]${manyQuestions}`, miss: `src/${long}`, hit: `src/${long}b` },
  ] as const;

  it.each(cases)('$flavor $pattern', ({ flavor, pattern, miss, hit }) => {
    const matcher = compileCodeowners(`* @everyone\n${pattern} @greedy\n`, flavor);
    expect(matcher.problems).toEqual([]);
    expect(timed(() => matcher.match(miss).owners)).toEqual(['@everyone']);
    expect(timed(() => matcher.match(hit).owners)).toEqual(['@greedy']);
  });

  it('answers through the ownership index for a path question too', () => {
    const index = buildOwnershipIndex({
      entities: [],
      codeowners: [
        {
          repository: 'github.com/shop/monorepo',
          file: 'CODEOWNERS',
          text: `* @all\n${manyStars} @greedy\n`,
        },
      ],
    });
    const parsed = parseThing(`path:src/${long}`);
    if (!parsed.ok) throw new Error(parsed.message);
    const answer = timed(() => resolveOwnership(parsed.thing, index));
    expect(answer.decidedBy).toMatchObject({ source: 'codeowners', line: 1 });
  });
});

// Regexes in a catalog are checked where they are written: a matcher RE2 cannot run is a positioned
// problem when the file is validated, not a failure when someone later asks who owns an alert, and
// no pattern or padded value makes validation itself backtrack. Time bounds are generous on purpose:
// what they guard against is exponential (or quadratic over a whole file), not merely slow.
import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../platform/errors.ts';
import { parseCatalogConfig } from '../catalog-config.ts';
import { validateCatalog } from './validate-catalog.ts';

const team = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Group',
  'metadata:',
  '  name: payments',
  'spec:',
  '  type: team',
  '  children: []',
].join('\n');

function serviceWith(...matchers: string[]): string {
  return [
    'apiVersion: steward.dev/v1', // line 1
    'kind: Service',
    'metadata:',
    '  name: payments-api',
    'spec:', // line 5
    '  lifecycle: production',
    '  tier: 1',
    '  owners: [{ ref: group:payments, role: primary }]',
    '  selectors:',
    '    alerts:', // line 10
    '      matchers:',
    ...matchers.map((m) => `        - ${m}`), // from line 12, the value at column 11
  ].join('\n');
}

function validate(service: string) {
  return validateCatalog([
    { file: 'org.yaml', content: team },
    { file: 'svc.yaml', content: service },
  ]);
}

describe('alert matchers in a catalog entity', () => {
  it.each([
    [String.raw`'service=~(a)\1'`, /: regex "\(a\)\\1": RE2 .* has no backreferences such as \\1/],
    [String.raw`'service=~"(a)\\1"'`, /: regex "\(a\)\\1": RE2 .* has no backreferences such as \\1/],
    [
      `'service=~"(?=pay)pay.*"'`,
      /: regex "\(\?=pay\)pay\.\*": RE2 .* has no lookahead .* says "must not match"\)$/,
    ],
    [`'service!~"(?<!x)y"'`, /: regex "\(\?<!x\)y": RE2 .* has no lookbehind/],
    [`'service=~"(unclosed"'`, /: regex "\(unclosed": missing closing \)/],
  ])('reports %s where it is written, saying what RE2 lacks', (matcher, reason) => {
    const result = validate(serviceWith('service=payments', matcher));
    expect(result.errors).toHaveLength(1);
    const [problem] = result.errors;
    expect(problem).toMatchObject({ file: 'svc.yaml', line: 13, column: 11, code: 'invalid-value' });
    expect(problem?.message).toMatch(/^spec\.selectors\.alerts\.matchers\[1\] must be a matcher .*; found /);
    expect(problem?.message).toMatch(reason);
    expect(result.entities.map((e) => e.ref)).toEqual(['group:default/payments']);
  });

  it('accepts a pattern that would backtrack in V8: RE2 runs it in linear time', () => {
    const result = validate(serviceWith(`'service=~"(a+)+b"'`, `'env!~"(a|aa)*c"'`));
    expect(result.errors).toEqual([]);
  });

  it('reads a matcher padded with 200,000 spaces without backtracking over them', () => {
    const padded = `'service=x${' '.repeat(200_000)}y'`;
    const start = performance.now();
    const result = validate(serviceWith(padded));
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(result.errors).toEqual([]);
  });
});

describe('patterns in kinds an organisation declares', () => {
  const config = (pattern: string) =>
    [
      'kinds:',
      '  - apiVersions: [acme.example/v1]',
      '    kind: Pipeline',
      '    spec:',
      '      type: object',
      `      properties: { schedule: { type: string, pattern: ${JSON.stringify(pattern)} } }`,
    ].join('\n');
  const pipeline = (schedule: string) =>
    `apiVersion: acme.example/v1\nkind: Pipeline\nmetadata:\n  name: nightly\nspec:\n  schedule: ${JSON.stringify(schedule)}\n`;

  it('refuses, when the configuration is read, a pattern RE2 cannot run, naming it', () => {
    let error: unknown;
    try {
      parseCatalogConfig('rules.yaml', config('^(?!never)[a-z]+$'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StewardError);
    expect((error as Error).message).toMatch(
      /^rules\.yaml: kind Pipeline spec\.schedule: pattern: regex "\^\(\?!never\)\[a-z\]\+\$": RE2 .* has no lookahead/,
    );
  });

  it('checks values against a backtracking-prone pattern in linear time, found anywhere in the value', () => {
    const options = parseCatalogConfig('rules.yaml', config('^(a+)+$'));
    const check = (schedule: string) => {
      const start = performance.now();
      const result = validateCatalog([{ file: 'p.yaml', content: pipeline(schedule) }], options);
      expect(performance.now() - start).toBeLessThan(1_000);
      return result.errors.map((e) => e.message);
    };
    expect(check('a'.repeat(10_000))).toEqual([]);
    expect(check(`${'a'.repeat(10_000)}!`)).toEqual([
      expect.stringMatching(/^spec\.schedule must be a string matching \/\^\(a\+\)\+\$\/; found "a{59}…"$/),
    ]);
  });
});

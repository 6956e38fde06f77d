// The compiler against Sloth's own published expected output, and its answers to bad specs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSpecs } from './compile.ts';
import { day } from './durations.ts';
import { goG } from './go-format.ts';
import { burnFactor, googleWindows } from './windows.ts';

const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

/** Sloth's out-base.yaml.tpl rendered as Sloth's test renders it, for version v0.12.0. */
function slothExpected(): string {
  return testdata('sloth-out-base.yaml.tpl')
    .replaceAll('{{ .version }}', 'v0.12.0')
    .replaceAll('{{"{{$labels.sloth_service}}"}}', '{{$labels.sloth_service}}')
    .replaceAll('{{"{{$labels.sloth_slo}}"}}', '{{$labels.sloth_slo}}');
}

const compile = (text: string, file = 'spec.yaml') => compileSpecs([{ file, text }]);

describe('Sloth prometheus/v1', () => {
  it("writes Sloth's published output for its in-base spec, byte for byte", () => {
    const result = compile(testdata('sloth-in-base.yaml'));
    expect(result.problems).toEqual([]);
    expect(result.rules).toBe(slothExpected());
  });

  it("scales burn factors for 28 days as Sloth's 28-day fixture prints them", () => {
    const factors = Object.values(googleWindows).map((w) => goG(burnFactor(28 * day, w)));
    expect(factors).toEqual(['13.44', '5.6000000000000005', '2.8000000000000003', '0.9333333333333333']);
    const rules = compileSpecs([{ file: 'a', text: testdata('sloth-in-base.yaml') }], {
      periodMs: 28 * day,
    }).rules;
    expect(rules).toContain('record: slo:sli_error:ratio_rate4w');
    expect(rules).toContain('expr: vector(28)');
  });

  it('prints a 99.99% budget as Go does (0.00010000000000005117)', () => {
    const text = testdata('sloth-api.yaml').replace('objective: 99.9', 'objective: 99.99');
    expect(compile(text).rules).toContain('(14.4 * 0.00010000000000005117)');
    expect(compile(text).rules).toContain('sloth_objective: "99.99"');
  });
});

describe('bad specs', () => {
  const problemsOf = (text: string) =>
    compile(text).problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);
  const api = testdata('sloth-api.yaml');

  it('refuses an objective over 100 at its line and column', () => {
    const problems = problemsOf(api.replace('objective: 99.9', 'objective: 100.5'));
    expect(problems).toEqual([
      expect.stringMatching(/^6:16 slos\[0\]\.objective: 100\.5 is not a valid objective/),
    ]);
  });

  it('refuses a query without {{.window}}', () => {
    const problems = problemsOf(api.replace('code=~"5.."}[{{.window}}]', 'code=~"5.."}[5m]'));
    expect(problems).toEqual([
      expect.stringMatching(/^9:22 slos\[0\]\.sli\.events\.error_query: must contain the \{\{\.window\}\}/),
    ]);
  });

  it('names an unknown field and the fields allowed there', () => {
    const problems = problemsOf(api.replace('    objective: 99.9', '    objective: 99.9\n    objectve: 99'));
    expect(problems[0]).toMatch(
      /^7:5 slos\[0\]\.objectve: unknown field "objectve"; the fields here are: name, objective/,
    );
  });

  it('positions each fault of an OpenSLO spec in its file: objective, {{.window}}, unknown field, lookback', () => {
    const text = testdata('openslo-checkout.yaml')
      .replace('    counter: true', '    countr: true')
      .replace('code!~"5.."}[{{.window}}]', 'code!~"5.."}[5m]')
      .replace('lookbackWindow: 1h', 'lookbackWindow: 1h1s')
      .replace('target: 0.999', 'target: 1.5');
    const problems = compile(text, 'slos/checkout.yaml').problems.map(
      (p) => `${p.file}:${p.line}:${p.column} ${p.field}: ${p.message}`,
    );
    expect(problems).toHaveLength(4);
    // Line 7 `    countr: true`: the key at column 5 (of the file's first document, the SLI).
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^slos\/checkout\.yaml:7:5 document 1\.spec\.ratioMetric\.countr: unknown field "countr"/,
      ),
    );
    // Line 12 `          query: …`: the value from column 18.
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^slos\/checkout\.yaml:12:18 document 1\.spec\.ratioMetric\.good\.metricSource\.spec\.query: must contain the \{\{\.window\}\} placeholder/,
      ),
    );
    // Line 29 `    lookbackWindow: 1h1s`: 3601 s is no multiple of twelve seconds.
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^slos\/checkout\.yaml:29:21 document 2\.spec\.condition\.lookbackWindow: 1h1s must divide into twelve/,
      ),
    );
    // Line 46 `    - target: 1.5`: the value from column 15; a ratio of 1.5 is 150 %.
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^slos\/checkout\.yaml:46:15 spec\.objectives\[0\]\.target: 150 is not a valid objective/,
      ),
    );
  });

  it('refuses an OpenSLO period that does not divide into days, and an unknown reference', () => {
    const text = testdata('openslo-checkout.yaml')
      .replace('duration: 28d', 'duration: 30d12h')
      .replace('conditionRef: fast-burn', 'conditionRef: fastburn');
    const problems = problemsOf(text);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^42:17 spec\.timeWindow\[0\]\.duration: "30d12h" does not divide into whole days/,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /no AlertCondition named "fastburn": the AlertCondition objects given are: fast-burn/,
      ),
    );
  });
});

// The Scorecard kind: a good file is accepted; each mistake is reported at its line and column
// (counted by hand, 1-based), saying what would be right.
import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../validate-catalog.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

const good = lines(
  'apiVersion: steward.dev/v1',
  'kind: Scorecard',
  'metadata: { name: production-readiness }',
  'spec:',
  '  appliesTo: { kinds: [Component], lifecycles: [production] }',
  '  rules:',
  '    - id: has-owner',
  '      title: Has an owner',
  '      check: has-owner',
  '      level: Bronze',
  '      weight: 3',
  '    - id: no-high',
  '      title: No high findings',
  '      check: no-findings-at-or-above',
  '      params: { severity: high }',
  '      level: Gold',
  '      howToFix: Run steward scan and fix what it reports.',
);

const problems = (content: string) => {
  const result = validateCatalog([{ file: 'scorecard.yaml', content }]);
  return [...result.errors, ...result.warnings].map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`);
};

describe('the Scorecard kind', () => {
  it('accepts a scorecard with the default levels', () => {
    expect(problems(good)).toEqual([]);
  });

  it('points at an unknown check, a level off the ladder, a repeated id and a missing param', () => {
    const bad = good
      .replace('check: has-owner', 'check: has-owners')
      .replace('level: Gold', 'level: Platinum')
      .replace('id: no-high', 'id: has-owner')
      .replace('params: { severity: high }', 'params: { severity: severe, extra: 1 }');
    expect(problems(bad)).toEqual([
      expect.stringMatching(
        /^9:14 invalid-value spec\.rules\[0\]\.check must be a built-in check: one of has-owner, /,
      ),
      '12:11 duplicate-name spec.rules[1].id "has-owner" is already the id of spec.rules[0]; give each rule its own id',
      '15:27 invalid-value spec.rules[1].params.severity must be one of info, low, medium, high, critical',
      '15:35 unknown-field spec.rules[1].params.extra is not a param of no-findings-at-or-above; it takes severity',
      '16:14 invalid-value spec.rules[1].level "Platinum" is not one of the levels: Bronze, Silver, Gold',
    ]);
  });

  // A missing param points at the rule's `check:` key, the field that asks for it.
  it('asks for the severity of no-findings-at-or-above, and checks levels named in spec.levels', () => {
    const noParams = good.replace('      params: { severity: high }\n', '');
    expect(problems(noParams)).toEqual([
      '14:7 missing-field spec.rules[1].params.severity is required by no-findings-at-or-above: one of info, low, medium, high, critical',
    ]);
    const ladder = good.replace('  rules:', '  levels: [Basic, Basic]\n  rules:');
    expect(problems(ladder)).toEqual([
      '6:19 duplicate-name spec.levels[1] "Basic" is already spec.levels[0]; each level once',
      '11:14 invalid-value spec.rules[0].level "Bronze" is not one of the levels: Basic, Basic',
      '17:14 invalid-value spec.rules[1].level "Gold" is not one of the levels: Basic, Basic',
    ]);
  });
});

// docs/guardrails.md shows each kind's rules as generated from the rule list, so the documented ids,
// severities, defaults and peers' aliases cannot drift from what the scanner does.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerRules } from './engine/dockerfile/rules.ts';
import { kubernetesRules } from './engine/kubernetes/rules.ts';
import { terraformRules } from './engine/terraform/rules.ts';
import { rulesMarkdown } from './rules-table.ts';

const docs = readFileSync(resolve(import.meta.dirname, '../../../../../docs/guardrails.md'), 'utf8');

describe('docs/guardrails.md rules tables', () => {
  it('match the rules, kind by kind', () => {
    expect(docs).toContain(rulesMarkdown(kubernetesRules, ['kube-score', 'polaris', 'checkov', 'trivy']));
    expect(docs).toContain(rulesMarkdown(dockerRules, ['hadolint', 'checkov', 'trivy']));
    expect(docs).toContain(rulesMarkdown(terraformRules, ['checkov', 'trivy']));
  });

  it('a table shows a rule with no alias for a peer as a dash', () => {
    const [, , row] = rulesMarkdown(
      [{ id: 'x', severity: 'low', title: 'X', fix: '', enabledByDefault: false, aliases: ['trivy:A'] }],
      ['checkov', 'trivy'],
    ).split('\n');
    expect(row).toBe('| `x`  | low      | off     | X    | —       | `A`   |');
  });
});

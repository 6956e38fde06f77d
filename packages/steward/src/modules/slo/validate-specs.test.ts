// `steward catalog validate` checks the SLO specs a catalog holds, attached or found beside it, run as
// the real binary: their problems positioned like the catalog's, the exit code 1 when there are any.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const binary = join(import.meta.dirname, '../../../bin/steward.js');
const lines = (...text: string[]) => `${text.join('\n')}\n`;

const catalogInfo = (spec?: string) =>
  lines(
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata: { name: payments }',
    'spec: { type: team, children: [] }',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: checkout',
    ...(spec ? ['  annotations:', `    steward.dev/slo-spec: ${spec}`] : []),
    'spec: { type: service, lifecycle: production, owner: payments }',
  );

const sloth = (service: string, objective = '99.9', query = '[{{.window}}]') =>
  lines(
    'version: prometheus/v1',
    `service: ${service}`,
    'slos:',
    '  - name: availability',
    `    objective: ${objective}`,
    '    sli:',
    '      events:',
    `        error_query: sum(rate(errors_total${query}))`,
    `        total_query: sum(rate(requests_total${query}))`,
    '    alerting: { page_alert: { disable: true }, ticket_alert: { disable: true } }',
  );

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'steward-validate-slo-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function validate(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [binary, 'catalog', 'validate', ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('steward catalog validate with SLO specs', () => {
  it('exits 0 when the attached and beside specs are sound', () => {
    const root = repository({
      'catalog-info.yaml': catalogInfo('./slos/attached.yaml'),
      'slos/attached.yaml': sloth('checkout'),
      'slos/beside.yaml': sloth('checkout').replace('name: availability', 'name: latency'),
    });
    const run = validate(root, '.', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ entities: 2, errors: [], warnings: [] });
    expect(run.code).toBe(0);
  });

  it('prints each spec problem at file:line:col and exits 1', () => {
    const root = repository({
      'catalog-info.yaml': catalogInfo('./slos/attached.yaml, ./slos/gone.yaml'),
      // Line 5, column 16: the objective over 100.
      'slos/attached.yaml': sloth('checkout', '101'),
      // Line 2, column 10: a service the catalog does not have.
      'slos/beside.yaml': sloth('chekout').replace('name: availability', 'name: latency'),
      // Lines 8 and 9, column 22: queries without the {{.window}} placeholder.
      'slos/nowindow.yaml': sloth('checkout', '99', '[5m]').replace('name: availability', 'name: errors'),
    });
    const run = validate(root, 'catalog-info.yaml', 'slos');
    const problems = run.stdout.trim().split('\n');
    expect(problems).toHaveLength(5);
    // The missing attached file is named at the Component's document (line 6 of catalog-info.yaml).
    expect(problems).toContainEqual(
      expect.stringMatching(/^catalog-info\.yaml:6:1: error target-not-found: .*slos\/gone\.yaml/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^slos\/attached\.yaml:5:16: error invalid-value: .*101 is not a valid objective/,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^slos\/beside\.yaml:2:10: error invalid-value: service: the service "chekout" is not in the catalog.*write service: checkout/,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^slos\/nowindow\.yaml:8:22: error invalid-value: .*\{\{\.window\}\} placeholder/,
      ),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^slos\/nowindow\.yaml:9:22: .*total_query/));
    expect(run.code).toBe(1);
  });
});

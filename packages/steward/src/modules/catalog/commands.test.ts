// `steward catalog validate`, run as the real binary.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const binary = join(import.meta.dirname, '../../../bin/steward.js');
const lines = (...text: string[]) => `${text.join('\n')}\n`;
const group = lines(
  'apiVersion: backstage.io/v1alpha1',
  'kind: Group',
  'metadata:',
  '  name: payments',
  'spec:',
  '  type: team',
  '  children: []',
);
const component = (owner: string) =>
  lines(
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: pay',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${owner}`,
  );

let root: string;
function validate(...args: string[]) {
  const result = spawnSync(process.execPath, [binary, 'catalog', 'validate', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'catalog-cli-'));
  for (const [dir, files] of Object.entries({
    clean: { 'catalog-info.yaml': component('payments'), 'org.yaml': group },
    dangling: { 'catalog-info.yaml': component('ghosts') },
    broken: { 'catalog-info.yaml': component('component:x'), 'org.yaml': group },
  })) {
    mkdirSync(join(root, dir));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(root, dir, name), content);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('steward catalog validate', () => {
  it('exits 0 on a clean catalog, printing exactly {entities, errors, warnings} as JSON', () => {
    const { code, stdout } = validate('clean', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ entities: 2, errors: [], warnings: [] });
  });

  it('exits 0 with warnings only (a dangling ref), each problem {file, line, column, entity, code, message}', () => {
    const { code, stdout } = validate('dangling', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      entities: 1,
      errors: [],
      warnings: [
        {
          file: 'dangling/catalog-info.yaml',
          line: 8,
          column: 10,
          entity: 'component:default/pay',
          code: 'dangling-ref',
          message:
            'spec.owner refers to group:default/ghosts, which is not among the entities read; add it, or correct the ref',
        },
      ],
    });
  });

  it('exits 1 on errors, printing file:line:col: severity code: message (entity) in text', () => {
    const { code, stdout, stderr } = validate('broken');
    expect(code).toBe(1);
    expect(stdout).toBe(
      'broken/catalog-info.yaml:8:10: error invalid-ref: spec.owner: "component:x" points at a component; it must point at a Group or User (component:default/pay)\n',
    );
    expect(stderr).toBe('2 entities in 2 files: 1 error, 0 warnings\n');
  });

  it('reads the current directory by default, and several paths at once', () => {
    expect(JSON.parse(validate('--format', 'json').stdout).entities).toBe(5);
    expect(JSON.parse(validate('clean', 'dangling', '--format', 'json').stdout).entities).toBe(3);
  });

  it('exits 2 with a one-line reason for a path that does not exist, or a bad option', () => {
    const missing = validate('nowhere');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('steward: cannot read nowhere: no such file or directory\n');
    expect(validate('clean', '--format', 'xml').code).toBe(2);
  });

  it('applies the organisation rules of --rules, and exits 2 naming file:line:col of a bad rules file', () => {
    writeFileSync(
      join(root, 'rules.yaml'),
      'rules:\n  allowedLifecycles: { severity: error, values: [experimental] }\n',
    );
    const ruled = validate('clean', '--rules', 'rules.yaml', '--format', 'json');
    expect(ruled.code).toBe(1);
    // clean/catalog-info.yaml line 7 is `  lifecycle: production`; the value starts at column 14.
    expect(JSON.parse(ruled.stdout).errors).toEqual([
      expect.objectContaining({
        file: 'clean/catalog-info.yaml',
        line: 7,
        column: 14,
        code: 'disallowed-lifecycle',
      }),
    ]);
    writeFileSync(join(root, 'bad-rules.yaml'), 'rules:\n  ownerMustBeGroup: { severity: loud }\n');
    const bad = validate('clean', '--rules', 'bad-rules.yaml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'bad-rules.yaml:2:33 rules.ownerMustBeGroup.severity: must be error or warning',
    );
  });

  it('explains which files it reads in --help', () => {
    const help = validate('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('named catalog-info');
    expect(help.stdout).toContain('steward catalog validate examples/acme --format json');
  });
});

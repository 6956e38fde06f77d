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

// Line 12, column 17: a member nobody describes.
const schedule = lines(
  'apiVersion: steward.dev/v1',
  'kind: Schedule',
  'metadata:',
  '  name: payments-primary',
  'spec:',
  '  owner: group:payments',
  '  timeZone: Europe/Berlin',
  '  layers:',
  '    - name: weekly',
  '      start: "2026-01-05T09:00"',
  '      rotation: P1W',
  '      members: [ghost]',
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
    clean: { 'catalog-info.yaml': component('payments'), 'catalog-info.yml': group },
    dangling: { 'catalog-info.yaml': component('ghosts') },
    broken: { 'catalog-info.yaml': component('"group:"'), 'catalog-info.yml': group },
    oncall: { 'catalog-info.yaml': schedule, 'catalog-info.yml': group },
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
      'broken/catalog-info.yaml:8:10: error invalid-ref: spec.owner: "group:" is not an entity ref: write [kind:][namespace/]name, e.g. group:default/payments (component:default/pay)\n',
    );
    expect(stderr).toBe('2 entities in 2 files: 1 error, 0 warnings\n');
  });

  it('exits 1 on a schedule member who does not exist: an error, unlike a dangling ref', () => {
    const { code, stdout } = validate('oncall', '--format', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      entities: 2,
      warnings: [],
      errors: [
        {
          file: 'oncall/catalog-info.yaml',
          line: 12,
          column: 17,
          entity: 'schedule:default/payments-primary',
          code: 'missing-target',
          message:
            "spec.layers[0].members[0] refers to user:default/ghost, which is not among the entities read; a schedule's members must be users the catalog has (nobody else can be paged): add the user, or correct the ref",
        },
      ],
    });
  });

  it('reads the current directory by default, and several paths at once', () => {
    expect(JSON.parse(validate('--format', 'json').stdout).entities).toBe(7);
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
    expect(help.stdout).toContain('every catalog-info.yaml (or .yml)');
    expect(help.stdout).toContain('Location entities (type file or url) are followed');
    expect(help.stdout).toContain('files.include');
    expect(help.stdout).toContain('steward catalog validate examples/acme --format json');
  });

  it('names the YAML files that look like entities when a directory holds no catalog files', () => {
    mkdirSync(join(root, 'unread/catalog-entities/teams'), { recursive: true });
    writeFileSync(join(root, 'unread/catalog-entities/teams/payments.yaml'), group);
    writeFileSync(join(root, 'unread/mkdocs.yml'), 'site_name: Payments\n');
    const result = validate('unread');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('0 entities in 0 files');
    expect(result.stderr).toContain('no catalog files found');
    expect(result.stderr).toContain(`  ${join('catalog-entities', 'teams', 'payments.yaml')}\n`);
    expect(result.stderr).not.toContain('mkdocs.yml');
    // A directory that holds catalog files gets no such hint.
    expect(validate('clean').stderr).not.toContain('no catalog files found');
  });
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from './load.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const group = (name: string) =>
  lines(
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: team',
    '  children: []',
  );

let root: string;
const write = (path: string, content: string | Buffer) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};
const relativeFound = (
  problems: { file: string; line: number; column: number; severity: string; code: string }[],
) => problems.map((p) => `${p.file.slice(root.length + 1)}:${p.line}:${p.column} ${p.severity} ${p.code}`);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'catalog-load-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('finding catalog files in a directory', () => {
  it('reads named files and files under catalog/; not other YAML, even one declaring a catalog apiVersion', async () => {
    write('catalog-info.yaml', group('a'));
    write('services/pay/steward.yaml', group('b'));
    write('catalog/teams/anything.yml', group('c'));
    write('org/teams.yaml', `# teams: Backstage reads this only if a Location names it\n${group('d')}`);
    write('deploy/k8s.yaml', lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web'));
    write('node_modules/dep/catalog-info.yaml', group('e'));
    write('.github/catalog-info.yaml', group('f'));
    write('notes.txt', group('g'));
    const result = await loadCatalog([root]);
    expect(result.entities.map((e) => e.name).sort()).toEqual(['a', 'b', 'c']);
    expect(result.files).toBe(3);
    expect(result.fastParsedFiles).toBe(3);
    expect([...result.errors, ...result.warnings]).toEqual([]);
  });

  it('always reads a file named on the command line, whatever its name', async () => {
    write('deploy/k8s.yaml', lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web'));
    const result = await loadCatalog([join(root, 'deploy/k8s.yaml')]);
    expect(relativeFound(result.errors)).toEqual(['deploy/k8s.yaml:2:7 error unknown-kind']);
  });

  it('reads a file once, however many times it is named', async () => {
    write('catalog-info.yaml', group('a'));
    const result = await loadCatalog([
      root,
      join(root, 'catalog-info.yaml'),
      join(root, 'catalog-info.yaml'),
    ]);
    expect(result.files).toBe(1);
    expect(result.errors).toEqual([]);
  });

  it('refuses a path that does not exist, as a usage error', async () => {
    await expect(loadCatalog([join(root, 'nope')])).rejects.toThrow(
      /cannot read .*nope: no such file or directory/,
    );
  });
});

describe('problems with files do not lose the others', () => {
  it('a 50 MB file is refused without reading it; a Latin-1 file is pointed at its first bad byte', async () => {
    write('big/catalog-info.yaml', '');
    truncateSync(join(root, 'big/catalog-info.yaml'), 50 * 1024 * 1024);
    write('legacy/catalog-info.yaml', Buffer.from(group('caf\u00e9'), 'latin1'));
    write('ok/catalog-info.yaml', group('ok'));
    const result = await loadCatalog([root]);
    expect(relativeFound(result.errors)).toEqual([
      'big/catalog-info.yaml:1:1 error file-too-large',
      'legacy/catalog-info.yaml:4:12 error not-utf8',
    ]);
    expect(result.errors[0]?.message).toBe(
      'the file is 50.0 MiB; catalog files may be at most 10.0 MiB (10485760 bytes): split it into several files',
    );
    expect(result.entities.map((e) => e.name)).toEqual(['ok']);
  });

  it('a symbolic link leading out of the directory is not followed, with a warning', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'catalog-outside-'));
    writeFileSync(join(outside, 'catalog-info.yaml'), group('secret'));
    mkdirSync(join(root, 'linked'));
    symlinkSync(join(outside, 'catalog-info.yaml'), join(root, 'linked/catalog-info.yaml'));
    write('catalog-info.yaml', group('ok'));
    const result = await loadCatalog([root]);
    rmSync(outside, { recursive: true, force: true });
    expect(relativeFound(result.warnings)).toEqual([
      'linked/catalog-info.yaml:1:1 warning path-escapes-root',
    ]);
    expect(result.entities.map((e) => e.name)).toEqual(['ok']);
  });
});

describe('Location entities', () => {
  const location = (...targets: string[]) =>
    lines(
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata:',
      '  name: all',
      'spec:',
      '  targets:',
      ...targets.map((t) => `    - ${t}`),
    );

  it('read their targets as catalog files, even where a walk would not look', async () => {
    write('catalog-info.yaml', location('./.teams/list.yaml'));
    write('.teams/list.yaml', group('platform'));
    const result = await loadCatalog([root]);
    expect(result.errors).toEqual([]);
    expect(result.entities.map((e) => e.ref).sort()).toEqual([
      'group:default/platform',
      'location:default/all',
    ]);
  });

  it('report a missing target at the target, and one leaving the directory at the target too', async () => {
    write('catalog-info.yaml', location('./missing.yaml', '../outside.yaml'));
    const result = await loadCatalog([root]);
    expect(relativeFound(result.errors)).toEqual([
      'catalog-info.yaml:7:7 error target-not-found',
      'catalog-info.yaml:8:7 error path-escapes-root',
    ]);
    expect(result.errors[0]?.message).toContain('"./missing.yaml" is not a file');
  });
});

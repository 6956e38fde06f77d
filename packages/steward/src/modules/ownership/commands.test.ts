// `steward codeowners match` as a user runs it: the real binary, its output shape and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const binary = resolve(import.meta.dirname, '../../../bin/steward.js');
const dir = mkdtempSync(join(tmpdir(), 'steward-codeowners-'));

function codeownersFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function steward(args: string[], stdin = '') {
  const result = spawnSync(process.execPath, [binary, ...args], { input: stdin, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const github = codeownersFile(
  'CODEOWNERS',
  ['* @org/all', '/docs/ @org/docs', '!/docs/internal/ @nobody', '/docs/generated/', '[ab].md @x'].join('\n'),
);

describe('steward codeowners match', () => {
  it('prints a JSON array, one object per path in input order', () => {
    const { code, stdout } = steward([
      'codeowners',
      'match',
      '--file',
      github,
      'docs/a.md',
      'src/b.ts',
      'docs/generated/c',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { path: 'docs/a.md', owners: ['@org/docs'], line: 2, pattern: '/docs/' },
      { path: 'src/b.ts', owners: ['@org/all'], line: 1, pattern: '*' },
      { path: 'docs/generated/c', owners: [], line: 4, pattern: '/docs/generated/' },
    ]);
  });

  it('answers null line and pattern for a path no line matches', () => {
    const file = codeownersFile('only-docs', '/docs/ @docs\n');
    const { stdout } = steward(['codeowners', 'match', '--file', file, 'src/a.ts']);
    expect(JSON.parse(stdout)).toEqual([{ path: 'src/a.ts', owners: [], line: null, pattern: null }]);
  });

  it('reports lines GitHub rejects on stderr with the file and line, applies the rest, and exits 0', () => {
    const { code, stdout, stderr } = steward(['codeowners', 'match', '--file', github, 'docs/internal/x']);
    expect(code).toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${escapeRegExp(github)}:3: .*"!" negation`));
    expect(lines[1]).toMatch(new RegExp(`^${escapeRegExp(github)}:5: .*character ranges`));
    expect(JSON.parse(stdout)[0]).toMatchObject({ owners: ['@org/docs'], line: 2 });
  });

  it("reads paths from stdin for '-', in place among the arguments, as jsonl", () => {
    const { code, stdout } = steward(
      ['codeowners', 'match', '--file', github, '--format', 'jsonl', 'first.txt', '-', 'last.txt'],
      './docs/a.md\r\n\n/src/b.ts\nno-newline-at-end',
    );
    expect(code).toBe(0);
    const objects = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(objects.map((o) => o.path)).toEqual([
      'first.txt',
      './docs/a.md',
      '/src/b.ts',
      'no-newline-at-end',
      'last.txt',
    ]);
    expect(objects[1]).toEqual({ path: './docs/a.md', owners: ['@org/docs'], line: 2, pattern: '/docs/' });
  });

  it('prints an empty array when stdin holds no paths', () => {
    const { code, stdout } = steward(['codeowners', 'match', '--file', github, '-'], '');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('adds sections with --flavor gitlab', () => {
    const file = codeownersFile('gitlab', '* @admin\n^[Docs][2] @docs\n/docs/\n');
    const { code, stdout, stderr } = steward([
      'codeowners',
      'match',
      '--file',
      file,
      '--flavor',
      'gitlab',
      'docs/a.md',
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain(':2: '); // an optional section cannot require approvals
    expect(JSON.parse(stdout)).toEqual([
      {
        path: 'docs/a.md',
        owners: ['@admin', '@docs'],
        line: 3,
        pattern: '/docs/',
        sections: [
          { name: 'codeowners', owners: ['@admin'], line: 1, optional: false, approvals: 1 },
          { name: 'Docs', owners: ['@docs'], line: 3, optional: true, approvals: 2 },
        ],
      },
    ]);
  });

  it('exits 2 with a one-line reason when the file cannot be read', () => {
    const { code, stdout, stderr } = steward(['codeowners', 'match', '--file', join(dir, 'missing'), 'a']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/cannot read the CODEOWNERS file .*missing/),
    ]);
  });

  it.each([
    ['no --file', ['codeowners', 'match', 'a']],
    ['no path', ['codeowners', 'match', '--file', github]],
    ['an unknown flavor', ['codeowners', 'match', '--file', github, '--flavor', 'bitbucket', 'a']],
    ['an unknown format', ['codeowners', 'match', '--file', github, '--format', 'text', 'a']],
  ])('exits 2 on bad usage: %s', (_what, args) => {
    expect(steward(args).code).toBe(2);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// GitHub CODEOWNERS semantics. Every expectation comes from GitHub's "About code owners" page (its
// example file and comments) or from gitignore's PATTERN FORMAT, which GitHub says patterns follow.
import { describe, expect, it } from 'vitest';
import { compileCodeowners } from '../index.ts';

type Expected = { owners: string[]; line: number | null; pattern: string | null };
const unmatched: Expected = { owners: [], line: null, pattern: null };

function ownerOf(codeowners: string, path: string) {
  const { owners, line, pattern } = compileCodeowners(codeowners).match(path);
  return { owners, line, pattern };
}

// GitHub's documented example file, line for line.
const githubExample = [
  '# This is a comment.', // 1
  '*       @global-owner1 @global-owner2', // 2
  '*.js    @js-owner #This is an inline comment.', // 3
  '*.go docs@example.com', // 4
  '*.txt @octo-org/octocats', // 5
  '/build/logs/ @doctocat', // 6
  'docs/*  docs@example.com', // 7
  'apps/ @octocat', // 8
  '/docs/ @doctocat', // 9
  '/scripts/ @doctocat @octocat', // 10
  '**/logs @octocat', // 11
  '/apps/ @octocat', // 12
  '/apps/github', // 13
].join('\n');

describe("GitHub's example file", () => {
  const global = { owners: ['@global-owner1', '@global-owner2'], line: 2, pattern: '*' };
  it.each<[string, Expected]>([
    ['README.md', global],
    ['src/index.js', { owners: ['@js-owner'], line: 3, pattern: '*.js' }],
    ['cmd/main.go', { owners: ['docs@example.com'], line: 4, pattern: '*.go' }],
    ['notes/todo.txt', { owners: ['@octo-org/octocats'], line: 5, pattern: '*.txt' }],
    // /build/logs/ (6) matches, but **/logs (11) comes later and wins.
    ['build/logs/app.log', { owners: ['@octocat'], line: 11, pattern: '**/logs' }],
    ['deeply/nested/logs/trace.txt', { owners: ['@octocat'], line: 11, pattern: '**/logs' }],
    // docs/* (7) and /docs/ (9) both match a direct child; /docs/ is later.
    ['docs/getting-started.md', { owners: ['@doctocat'], line: 9, pattern: '/docs/' }],
    ['docs/build-app/troubleshooting.md', { owners: ['@doctocat'], line: 9, pattern: '/docs/' }],
    ['src/apps/widget/main.rb', { owners: ['@octocat'], line: 8, pattern: 'apps/' }],
    ['apps/web/main.rb', { owners: ['@octocat'], line: 12, pattern: '/apps/' }],
    // "except for the /apps/github subdirectory, as its owners are left empty"
    ['apps/github/main.rb', { owners: [], line: 13, pattern: '/apps/github' }],
    ['scripts/deploy.sh', { owners: ['@doctocat', '@octocat'], line: 10, pattern: '/scripts/' }],
    // Paths are case sensitive: neither *.js nor /docs/ apply.
    ['src/App.JS', global],
    ['Docs/index.md', global],
  ])('%s', (path, expected) => {
    expect(ownerOf(githubExample, path)).toEqual(expected);
  });
});

describe('patterns, one at a time', () => {
  const cases: [pattern: string, path: string, matches: boolean][] = [
    // docs/*: direct children of docs only; the middle slash anchors it to the root.
    ['docs/*', 'docs/getting-started.md', true],
    ['docs/*', 'docs/build-app/troubleshooting.md', false],
    ['docs/*', 'docs', false],
    ['docs/*', 'guide/docs/intro.md', false],
    // /*: files at the top level only.
    ['/*', 'README.md', true],
    ['/*', 'src/index.ts', false],
    // *: everything.
    ['*', 'a/b/c/d.txt', true],
    // **/logs: a file or directory named logs anywhere, and everything beneath it.
    ['**/logs', 'logs', true],
    ['**/logs', 'logs/a.log', true],
    ['**/logs', 'build/logs/a.log', true],
    ['**/logs', 'deeply/nested/logs/x/y.log', true],
    ['**/logs', 'build/logs.txt', false],
    ['**/logs', 'build/catalogs/a', false],
    // apps/: a directory named apps at any depth; a file named apps is not a directory.
    ['apps/', 'apps/web/main.rb', true],
    ['apps/', 'src/apps/web/main.rb', true],
    ['apps/', 'apps', false],
    ['apps/', 'src/apps', false],
    // apps: a file or a directory named apps at any depth.
    ['apps', 'apps', true],
    ['apps', 'src/apps', true],
    ['apps', 'apps/web/main.rb', true],
    ['apps', 'src/apps/web/main.rb', true],
    ['apps', 'apps.md', false],
    ['apps', 'myapps/main.rb', false],
    // /build/logs/: that directory at the root, at every depth below it.
    ['/build/logs/', 'build/logs/a.log', true],
    ['/build/logs/', 'build/logs/2024/01/a.log', true],
    ['/build/logs/', 'build/logs', false],
    ['/build/logs/', 'build/logs2/a.log', false],
    ['/build/logs/', 'src/build/logs/a.log', false],
    // A slash in the middle anchors too; no trailing slash, so it can be a file or a directory.
    ['src/generated', 'src/generated', true],
    ['src/generated', 'src/generated/api.ts', true],
    ['src/generated', 'lib/src/generated/api.ts', false],
    // *.js: by name at any depth, case-sensitively; * does not cross a slash.
    ['*.js', 'index.js', true],
    ['*.js', 'src/lib/index.js', true],
    ['*.js', 'index.jsx', false],
    ['*.js', 'index.js.map', false],
    ['*.js', 'index.JS', false],
    ['/src/*.js', 'src/lib/index.js', false],
    // ? is one character, never a slash.
    ['/file?.txt', 'file1.txt', true],
    ['/file?.txt', 'file.txt', false],
    ['/file?.txt', 'file12.txt', false],
    ['/a?b', 'a/b', false],
    // ** in the middle: zero or more directories.
    ['/a/**/b', 'a/b', true],
    ['/a/**/b', 'a/x/y/b', true],
    ['/a/**/b', 'a/x/b/c.txt', true],
    ['/a/**/b', 'x/a/b', false],
    // a trailing /** is everything inside, not the directory's own name.
    ['/a/**', 'a/x', true],
    ['/a/**', 'a/x/y', true],
    ['/a/**', 'a', false],
    // Other consecutive asterisks are ordinary ones.
    ['/src/**.ts', 'src/a.ts', true],
    ['/src/**.ts', 'src/lib/a.ts', false],
    // Case sensitivity for directories.
    ['/Docs/', 'Docs/a.md', true],
    ['/Docs/', 'docs/a.md', false],
  ];
  it.each(cases)('%s against %s: %s', (pattern, path, matches) => {
    const expected = matches ? { owners: ['@owner'], line: 1, pattern } : unmatched;
    expect(ownerOf(`${pattern} @owner`, path)).toEqual(expected);
  });
});

describe('the last matching line wins', () => {
  const file = ['* @all', '/src/ @src', '*.md @docs', '/src/generated/'].join('\n');
  it.each<[string, Expected]>([
    ['src/app.ts', { owners: ['@src'], line: 2, pattern: '/src/' }],
    ['src/README.md', { owners: ['@docs'], line: 3, pattern: '*.md' }],
    ['README.md', { owners: ['@docs'], line: 3, pattern: '*.md' }],
    ['lib/a.ts', { owners: ['@all'], line: 1, pattern: '*' }],
    // A pattern with no owners: explicitly unowned, which is not the same as unmatched.
    ['src/generated/api.md', { owners: [], line: 4, pattern: '/src/generated/' }],
  ])('%s', (path, expected) => {
    expect(ownerOf(file, path)).toEqual(expected);
  });

  it('lets a broad rule written later override a specific one written earlier', () => {
    expect(ownerOf('/src/ @src\n* @all', 'src/a.ts')).toEqual({ owners: ['@all'], line: 2, pattern: '*' });
  });

  it('answers null line and pattern when nothing matches', () => {
    expect(ownerOf('/src/ @src', 'lib/a.ts')).toEqual(unmatched);
  });
});

describe('line syntax', () => {
  it('skips comments and blank lines but counts them in line numbers', () => {
    const file = '# header\n\n   # indented comment * @nobody\n\r\n/a/ @a\r\n';
    expect(ownerOf(file, 'a/x')).toEqual({ owners: ['@a'], line: 5, pattern: '/a/' });
    expect(ownerOf(file, 'b/x')).toEqual(unmatched);
  });

  it('strips inline comments, even when they mention owners', () => {
    expect(ownerOf('/a/ @x # ask @y first', 'a/b')).toEqual({ owners: ['@x'], line: 1, pattern: '/a/' });
    expect(ownerOf('/a/ # nobody', 'a/b')).toEqual({ owners: [], line: 1, pattern: '/a/' });
  });

  it('treats # inside a pattern word as an ordinary character', () => {
    expect(ownerOf('/a#b @x', 'a#b').line).toBe(1);
  });

  it('reads escapes: \\# a literal hash, "\\ " a space, \\* a literal star', () => {
    const file = ['\\#notes @hash', 'my\\ file.txt @space', '/\\*.md @star', '\\!important @bang'].join('\n');
    const matcher = compileCodeowners(file);
    expect(matcher.problems).toEqual([]);
    expect(matcher.match('#notes').owners).toEqual(['@hash']);
    expect(matcher.match('src/my file.txt').owners).toEqual(['@space']);
    expect(matcher.match('*.md').owners).toEqual(['@star']);
    expect(matcher.match('README.md')).toMatchObject(unmatched);
    expect(matcher.match('!important').owners).toEqual(['@bang']);
  });

  it('accepts users, org teams and email addresses as owners', () => {
    const owners = ['@octocat', '@octo-org/octocats', 'docs@example.com'];
    expect(ownerOf(`* ${owners.join(' ')}`, 'a').owners).toEqual(owners);
  });

  it('reports a line whose owners are malformed and ignores it', () => {
    const matcher = compileCodeowners('* @all\n/a/ team-without-at @x');
    expect(matcher.problems).toEqual([{ line: 2, message: expect.stringContaining('"team-without-at"') }]);
    expect(matcher.match('a/b').line).toBe(1);
  });
});

describe('what GitHub does not support', () => {
  const file = ['* @all', '!docs/ @nobody', '/docs/ @docs', '[Rr]eadme.md @readme', '*.md @md'].join('\n');
  const matcher = compileCodeowners(file);

  it('reports ! negation and [...] ranges with their line numbers', () => {
    expect(matcher.problems).toEqual([
      { line: 2, message: expect.stringMatching(/"!docs\/".*"!" negation.*ignored/) },
      { line: 4, message: expect.stringMatching(/"\[Rr\]eadme.md".*"\[\.\.\.\]" character ranges.*ignored/) },
    ]);
  });

  it('applies the other lines', () => {
    expect(matcher.match('docs/guide.txt')).toMatchObject({ owners: ['@docs'], line: 3 });
    expect(matcher.match('Readme.md')).toMatchObject({ owners: ['@md'], line: 5 });
    expect(matcher.match('src/main.c')).toMatchObject({ owners: ['@all'], line: 1 });
  });
});

describe('paths', () => {
  it.each(['docs/a.md', './docs/a.md', '/docs/a.md', 'docs//a.md', './/docs/./a.md'])(
    '%s is docs/a.md, echoed as given',
    (path) => {
      expect(compileCodeowners('/docs/ @docs').match(path)).toEqual({
        path,
        owners: ['@docs'],
        line: 1,
        pattern: '/docs/',
      });
    },
  );
});

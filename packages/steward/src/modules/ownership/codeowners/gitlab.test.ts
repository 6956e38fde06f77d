// GitLab CODEOWNERS semantics. Expectations come from GitLab's "Syntax of CODEOWNERS file" and
// "Advanced CODEOWNERS configuration" pages (their examples and the owners they say result).
import { describe, expect, it } from 'vitest';
import { compileCodeowners } from '../index.ts';

const gitlab = (text: string) => compileCodeowners(text, 'gitlab');

describe('sections', () => {
  // GitLab's own example: each section enforces its own last matching line.
  const file = [
    '* @admin', // 1
    '', // 2
    '[README Owners]', // 3
    'README.md @user1 @user2', // 4
    'internal/README.md @user4', // 5
    '', // 6
    '[README other owners]', // 7
    'README.md @user3', // 8
  ].join('\n');
  const matcher = gitlab(file);

  it('unites the owners of every matching section, in section order', () => {
    expect(matcher.match('README.md')).toEqual({
      path: 'README.md',
      owners: ['@admin', '@user1', '@user2', '@user3'],
      line: 8,
      pattern: 'README.md',
      sections: [
        { name: 'codeowners', owners: ['@admin'], line: 1, optional: false, approvals: 1 },
        { name: 'README Owners', owners: ['@user1', '@user2'], line: 4, optional: false, approvals: 1 },
        { name: 'README other owners', owners: ['@user3'], line: 8, optional: false, approvals: 1 },
      ],
    });
  });

  it('keeps only the last matching line within a section', () => {
    const result = matcher.match('internal/README.md');
    expect(result.owners).toEqual(['@admin', '@user4', '@user3']);
    expect(result.sections?.map((s) => [s.name, s.line])).toEqual([
      ['codeowners', 1],
      ['README Owners', 5],
      ['README other owners', 8],
    ]);
  });

  it('answers no sections when nothing matches', () => {
    expect(gitlab('[Docs]\n/docs/ @docs').match('src/a.rb')).toEqual({
      path: 'src/a.rb',
      owners: [],
      line: null,
      pattern: null,
      sections: [],
    });
  });
});

describe('section headers', () => {
  it('applies default owners to the lines of the section that name none', () => {
    const matcher = gitlab(
      [
        '[Documentation] @docs-team',
        'docs/',
        'README.md',
        '',
        '[Database] @database-team @agarcia',
        'model/db/',
        'config/db/database-setup.md @docs-team',
      ].join('\n'),
    );
    expect(matcher.problems).toEqual([]);
    expect(matcher.match('docs/index.md').owners).toEqual(['@docs-team']);
    expect(matcher.match('model/db/user.rb').owners).toEqual(['@database-team', '@agarcia']);
    expect(matcher.match('config/db/database-setup.md').sections).toEqual([
      { name: 'Database', owners: ['@docs-team'], line: 7, optional: false, approvals: 1 },
    ]);
  });

  it('marks ^[Optional] sections optional and reads [Section][N] approvals', () => {
    const matcher = gitlab(
      ['[Documentation][2] @docs-team', 'docs/', '^[Go]', '*.go @root', '[Ruby]', '*.rb @root'].join('\n'),
    );
    expect(matcher.match('docs/a.md').sections).toEqual([
      { name: 'Documentation', owners: ['@docs-team'], line: 2, optional: false, approvals: 2 },
    ]);
    expect(matcher.match('cmd/main.go').sections).toEqual([
      { name: 'Go', owners: ['@root'], line: 4, optional: true, approvals: 0 },
    ]);
    expect(matcher.match('app/user.rb').sections).toEqual([
      { name: 'Ruby', owners: ['@root'], line: 6, optional: false, approvals: 1 },
    ]);
  });

  it('combines sections whose names differ only in case, under the first spelling', () => {
    const matcher = gitlab(
      ['[Docs]', '*.md @a', '[Backend]', '*.rb @b', '[docs]', '/guide/*.md @c'].join('\n'),
    );
    expect(matcher.match('guide/intro.md').sections).toEqual([
      { name: 'Docs', owners: ['@c'], line: 6, optional: false, approvals: 1 },
    ]);
    expect(matcher.match('notes.md').sections?.map((s) => s.line)).toEqual([2]);
  });

  it('treats a section as required when one of its duplicates is not optional', () => {
    const matcher = gitlab(['^[Docs]', '*.md @a', '[docs]', '*.txt @b'].join('\n'));
    expect(matcher.match('a.md').sections?.[0]).toMatchObject({ name: 'Docs', optional: false });
  });
});

describe('paths, the GitLab way', () => {
  it.each<[pattern: string, path: string, matches: boolean]>([
    // Absolute paths match from the root.
    ['/README.md', 'README.md', true],
    ['/README.md', 'docs/README.md', false],
    // Relative paths are globstar paths, even with a slash in the middle.
    ['README.md', 'app/lib/README.md', true],
    ['internal/README.md', 'docs/api/internal/README.md', true],
    // A trailing slash: all files in the directory and its subdirectories.
    ['/docs/', 'docs/a/b/c.md', true],
    ['/docs/', 'src/docs/a.md', false],
    ['lib/', 'src/lib/a.rb', true],
    // /docs/* is one level deep.
    ['/docs/*', 'docs/index.md', true],
    ['/docs/*', 'docs/projects/index.md', false],
    ['/docs/*/README.md', 'docs/api/README.md', true],
    ['/docs/**/index.md', 'docs/index.md', true],
    ['/docs/**/index.md', 'docs/api/graphql/index.md', true],
    ['*', 'a/b/c', true],
    ['*.rb', 'app/models/user.rb', true],
    // File::fnmatch bracket expressions work on GitLab.
    ['/src/[ab]*.rb', 'src/a1.rb', true],
    ['/src/[ab]*.rb', 'src/c1.rb', false],
    ['/src/[!ab]*.rb', 'src/c1.rb', true],
    // Case sensitive.
    ['/Docs/', 'docs/a.md', false],
  ])('%s against %s: %s', (pattern, path, matches) => {
    const result = gitlab(`${pattern} @owner`).match(path);
    expect(result.line).toBe(matches ? 1 : null);
  });
});

describe('exclusions', () => {
  // GitLab's example: an exclusion applies in its own section only.
  const matcher = gitlab(
    ['* @username', '!pom.xml', '[Ruby]', '*.rb @ruby-team', '!/config/**/*.rb'].join('\n'),
  );

  it('takes an excluded path out of that section', () => {
    expect(matcher.match('pom.xml')).toMatchObject({ owners: [], line: null, sections: [] });
    expect(matcher.match('config/initializers/app.rb')).toMatchObject({
      owners: ['@username'],
      sections: [{ name: 'codeowners', line: 1 }],
    });
  });

  it('leaves other paths alone', () => {
    expect(matcher.match('app/user.rb').owners).toEqual(['@username', '@ruby-team']);
  });
});

describe('line syntax', () => {
  it('has no inline comments: owners after # still count, and the other words are reported', () => {
    const matcher = gitlab('docs/ @a # ask @b');
    expect(matcher.match('docs/x').owners).toEqual(['@a', '@b']);
    expect(matcher.problems).toEqual([{ line: 1, message: expect.stringContaining('"#", "ask"') }]);
  });

  it('accepts roles, nested groups and emails as owners', () => {
    const owners = ['@@maintainer', '@group/with-nested/subgroup', 'janedoe@gitlab.com'];
    expect(gitlab(`/config/ ${owners.join(' ')}`).match('config/a.yml').owners).toEqual(owners);
  });

  it('reads \\# and escaped spaces in patterns', () => {
    const matcher = gitlab('\\#file_with_pound.rb @pound\npath\\ with\\ spaces/ @space');
    expect(matcher.match('#file_with_pound.rb').owners).toEqual(['@pound']);
    expect(matcher.match('path with spaces/a').owners).toEqual(['@space']);
  });

  it('reports a line with no owners in a section with no default owners', () => {
    const matcher = gitlab('[Docs]\n/docs/');
    expect(matcher.problems).toEqual([{ line: 2, message: expect.stringContaining('no owners') }]);
    expect(matcher.match('docs/a').sections).toEqual([
      { name: 'Docs', owners: [], line: 2, optional: false, approvals: 1 },
    ]);
  });
});

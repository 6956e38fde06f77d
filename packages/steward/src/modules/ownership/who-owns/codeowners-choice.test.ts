// Several CODEOWNERS files for one repository (as a catalog source hands them over): the answer
// comes from the one the platform reads, in whatever order the files arrive.
import { describe, expect, it } from 'vitest';
import { buildOwnershipIndex, type CodeownersSource } from './ownership-index.ts';
import { resolveOwnership } from './resolve.ts';

const repository = 'github.com/shop/monorepo';
const file = (path: string, text: string): CodeownersSource => ({ repository, file: path, text });
const ownersOf = (sources: CodeownersSource[], path = 'src/a.ts') => {
  const index = buildOwnershipIndex({ entities: [], codeowners: sources });
  const answer = resolveOwnership({ kind: 'path', text: path, path }, index);
  return { owners: answer.owners.map((o) => o.codeowner), file: answer.decidedBy?.file };
};

describe("choosing among a repository's CODEOWNERS files", () => {
  it('reads .github/ before the root before docs/ on GitHub', () => {
    const docs = file('docs/CODEOWNERS', '* @shop/docs\n');
    const root = file('CODEOWNERS', '* @shop/root\n');
    const github = file('.github/CODEOWNERS', '* @shop/github\n');
    expect(ownersOf([docs, root, github])).toEqual({ owners: ['@shop/github'], file: '.github/CODEOWNERS' });
    expect(ownersOf([docs, root])).toEqual({ owners: ['@shop/root'], file: 'CODEOWNERS' });
  });

  it('reads the root before docs/ before .gitlab/ on GitLab, with GitLab sections', () => {
    const gitlab = file('.gitlab/CODEOWNERS', '* @shop/gitlab\n');
    const docs = file('docs/CODEOWNERS', '[A]\n* @shop/a\n[B]\n*.ts @shop/b\n');
    expect(ownersOf([gitlab, docs])).toEqual({ owners: ['@shop/a', '@shop/b'], file: 'docs/CODEOWNERS' });
  });

  it('keeps checkouts apart, and takes their shared repository as the default', () => {
    const index = buildOwnershipIndex({
      entities: [],
      codeowners: [
        file('CODEOWNERS', '* @a\n'),
        file('.github/CODEOWNERS', '* @b\n'),
        { repository: null, file: 'other/CODEOWNERS', text: '* @c\n' },
      ],
    });
    expect(index.codeowners.map((c) => [c.repository, c.file])).toEqual([
      [repository, '.github/CODEOWNERS'],
      [null, 'other/CODEOWNERS'],
    ]);
    expect(index.defaultRepository).toBeNull();
    expect(
      buildOwnershipIndex({ entities: [], codeowners: [file('CODEOWNERS', ''), file('docs/CODEOWNERS', '')] })
        .defaultRepository,
    ).toBe(repository);
  });
});

// A git repository as a catalog source, through the API: cloned by the server, read at the commit
// cloned (recorded on the source and in the history), fetched again on refresh.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import { git, ledgerYaml, orgYaml, type TempTree, tempTree } from '../fixture.test-support.ts';

describeEachEngine('git catalog sources', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let repo: TempTree;

  beforeAll(async () => {
    steward = await startTestSteward(db(), { gitAllowLocal: true });
    org = await seedOrg(steward);
    repo = tempTree({
      'catalog-info.yaml': orgYaml,
      'services/ledger/catalog-info.yaml': ledgerYaml,
      CODEOWNERS: '* @acme/payments\n',
    });
    git(repo.dir, 'init', '--quiet', '--initial-branch=main');
    git(repo.dir, 'add', '.');
    git(repo.dir, 'commit', '--quiet', '-m', 'catalog');
  });
  afterAll(async () => {
    await steward?.close();
    repo?.cleanup();
  });

  const admin = (method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token: org.tokens.admin, body });

  it('clones a repository and records the commit it read', async () => {
    const head = git(repo.dir, 'rev-parse', 'HEAD');
    const response = await admin('POST', '/api/v1/catalog/sources', { kind: 'git', url: repo.dir });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ source: { kind: 'git', status: 'pending' } });
    const job = await steward.jobOf(response);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({
      added: 3,
      errorCount: 0,
      source: { kind: 'git', target: repo.dir, revision: head, status: 'ok', counts: { entities: 3 } },
    });
    const ledger = (await admin('GET', '/api/v1/entities/component/default/ledger')).json();
    expect(ledger).toMatchObject({
      file: 'services/ledger/catalog-info.yaml',
      line: 1,
      source: { kind: 'git', revision: head },
    });
    // The repository's CODEOWNERS is kept with the source, and who-owns answers paths from it.
    const answer = (await admin('GET', '/api/v1/who-owns?thing=services/ledger/main.go')).json();
    expect(answer.items[0]).toMatchObject({
      owners: [{ ref: 'group:default/payments', codeowner: '@acme/payments' }],
      decidedBy: { source: 'codeowners', file: 'CODEOWNERS', line: 1 },
    });
  });

  it('fetches the new commit on refresh, writing only what changed, with the commit in the history', async () => {
    repo.write(
      'services/ledger/catalog-info.yaml',
      ledgerYaml.replace('Double-entry bookkeeping.', 'The books.'),
    );
    git(repo.dir, 'commit', '--quiet', '-am', 'describe the ledger');
    const head = git(repo.dir, 'rev-parse', 'HEAD');
    const sources = (await admin('GET', '/api/v1/catalog/sources')).json().items;
    const id = sources.find((s: { kind: string }) => s.kind === 'git').id;
    const refreshed = await steward.jobOf(await admin('POST', `/api/v1/catalog/sources/${id}/refresh`));
    expect(refreshed.result).toMatchObject({
      added: 0,
      updated: 1,
      unchanged: 2,
      source: { revision: head },
    });
    const history = (await admin('GET', '/api/v1/entities/component/default/ledger/history')).json().items;
    expect(history.map((h: { change: string; revision: string }) => [h.change, h.revision])).toEqual([
      ['updated', head],
      ['created', git(repo.dir, 'rev-parse', 'HEAD~1')],
    ]);
    expect(history[0].actor).toBe(`source:${id}`);
  });

  it('refuses what is not a git URL, and a repository that cannot be cloned, naming the field', async () => {
    const option = await admin('POST', '/api/v1/catalog/sources', {
      kind: 'git',
      url: '--upload-pack=touch /tmp/x',
    });
    expect(option.statusCode).toBe(400);
    expect(option.json().errors[0].field).toBe('body.url');
    const missing = await admin('POST', '/api/v1/catalog/sources', {
      kind: 'git',
      url: `${repo.dir}-missing`,
    });
    // The clone is the job's: it fails for good (retrying cannot make a missing repository appear).
    const failed = await steward.jobOf(missing);
    expect(failed).toMatchObject({ state: 'dead', result: null });
    expect(failed.lastError).toContain(`cannot clone ${repo.dir}-missing`);
    const sources = (await admin('GET', '/api/v1/catalog/sources')).json().items;
    expect(sources.find((s: { target: string }) => s.target === `${repo.dir}-missing`)).toMatchObject({
      status: 'failed',
    });
    expect(
      (
        await steward.call('POST', '/api/v1/catalog/sources', {
          token: org.tokens.member,
          body: { kind: 'git', url: repo.dir },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describeEachEngine('git source URLs on a server that does not allow local repositories', ({ db }) => {
  let steward: TestSteward;
  let repo: TempTree;
  beforeAll(async () => {
    steward = await startTestSteward(db());
    repo = tempTree({ 'catalog-info.yaml': orgYaml });
    git(repo.dir, 'init', '--quiet', '--initial-branch=main');
    git(repo.dir, 'add', '.');
    git(repo.dir, 'commit', '--quiet', '-m', 'catalog');
  });
  afterAll(async () => {
    await steward?.close();
    repo?.cleanup();
  });

  const add = (url: string) =>
    steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: { kind: 'git', url },
    });

  it('refuses a path or file:// URL on the server, saying how an operator would allow it', async () => {
    for (const url of [repo.dir, `file://${repo.dir}`, '/etc']) {
      const response = await add(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().errors[0].field).toBe('body.url');
      expect(response.json().detail).toContain('STEWARD_GIT_ALLOW_LOCAL=true');
    }
  });

  it('refuses transports that run commands, and options where a URL or host belongs', async () => {
    for (const url of [
      'ext::sh -c touch% /tmp/steward-pwned',
      'ext::sh',
      '--upload-pack=touch /tmp/steward-pwned',
      '-u',
      'ssh://-oProxyCommand=touch%20/tmp/steward-pwned/x',
      'ssh://git@-oProxyCommand=x/y',
      'git://example.com/acme/catalog.git',
      'host::path',
    ]) {
      const response = await add(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().errors[0].field).toBe('body.url');
    }
    const sources = (
      await steward.call('GET', '/api/v1/catalog/sources', { token: steward.adminToken })
    ).json();
    expect(sources.items.filter((s: { kind: string }) => s.kind === 'git')).toEqual([]);
  });
});

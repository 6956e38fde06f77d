// `steward sources …` as an on-call engineer runs it: the real binary against a listening in-process
// server; each change is checked against what the API then lists.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { runStewardCli } from '../../server/test-serve.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { git, ledgerYaml, paymentsFiles, type TempTree, tempTree } from './fixture.test-support.ts';

describeEachEngine('steward sources', ({ db }) => {
  let steward: TestSteward;
  let tree: TempTree;
  let repo: TempTree;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runStewardCli(args, env);
  const listed = async () =>
    (await steward.call('GET', '/api/v1/catalog/sources', { token: steward.adminToken })).json().items as {
      id: string;
      name: string;
      kind: string;
      status: string;
      counts: { entities: number };
    }[];

  beforeAll(async () => {
    steward = await startTestSteward(db(), { gitAllowLocal: true });
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward.app.server.address() as { port: number };
    tree = tempTree(paymentsFiles);
    // Entities of its own: none shared with the directory, so removing it removes exactly these.
    repo = tempTree({
      'catalog-info.yaml': ledgerYaml.replace('name: ledger', 'name: git-ledger'),
      'search/catalog-info.yaml': ledgerYaml.replace('name: ledger', 'name: git-search'),
    });
    git(repo.dir, 'init', '--quiet', '--initial-branch=main');
    git(repo.dir, 'add', '.');
    git(repo.dir, 'commit', '--quiet', '-m', 'catalog');
    env = {
      STEWARD_SERVER: `http://127.0.0.1:${port}`,
      STEWARD_TOKEN: steward.adminToken,
      STEWARD_CONFIG: `${tree.dir}/no-config.json`,
    };
  });
  afterAll(async () => {
    await steward?.close();
    tree?.cleanup();
    repo?.cleanup();
  });

  it('adds a directory, waits for the read and prints what it found', async () => {
    const run = await cli('sources', 'add', tree.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^${tree.dir}: 5 added, 0 updated, 0 removed, 0 unchanged; 0 errors`),
    );
    const source = (await listed()).find((s) => s.name === tree.dir);
    expect(source).toMatchObject({ kind: 'upload', status: 'ok', counts: { entities: 5 } });
    const list = await cli('sources', 'list');
    expect(list.stdout).toMatch(new RegExp(`^${source?.id} +${tree.dir} +upload +ok +5 +0 +0 +\\d{4}-`, 'm'));
  });

  it('adds a git repository, cloned by the server', async () => {
    const run = await cli('sources', 'add', `file://${repo.dir}`);
    expect(run.stderr).toMatch(/^file:\/\/\S+: asking http:\/\/127\.0\.0\.1:\d+ to clone and read it…\n$/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(': 2 added, 0 updated, 0 removed, 0 unchanged; 0 errors');
    expect((await listed()).find((s) => s.kind === 'git')).toMatchObject({ counts: { entities: 2 } });
  });

  it('reads a source again by name, and exits 1 when the files now have errors', async () => {
    const again = await cli('sources', 'refresh', tree.dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 added, 0 updated, 0 removed, 5 unchanged; 0 errors');
    tree.write(
      'broken/catalog-info.yaml',
      ledgerYaml.replace('name: ledger', 'name: broken').replace('  type: service\n', ''),
    );
    // An upload is read again from the files uploaded, so new files come with `add`, not `refresh`.
    const broken = await cli('sources', 'add', tree.dir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('broken/catalog-info.yaml:');
    tree.remove('broken/catalog-info.yaml');
  });

  it('starts a job without waiting when asked', async () => {
    const run = await cli('sources', 'refresh', tree.dir, '--no-wait');
    expect(run.code).toBe(0);
    const id = run.stdout.match(/job (\S+) \(steward jobs show \1\)/)?.[1];
    expect(id).toBeDefined();
    expect((await cli('jobs', 'wait', id ?? '')).code).toBe(0);
  });

  it('removes a source by id with its entities', async () => {
    const source = (await listed()).find((s) => s.kind === 'git');
    const run = await cli('sources', 'remove', source?.id ?? '');
    expect(run).toMatchObject({ code: 0, stdout: `${source?.name}: removed, with its 2 entities\n` });
    expect((await listed()).map((s) => s.kind)).not.toContain('git');
  });

  it('says how to find a source it does not know, exiting 2', async () => {
    const run = await cli('sources', 'refresh', 'no-such-source');
    expect(run).toMatchObject({
      code: 2,
      stderr: 'steward: no source has the id or name "no-such-source"; `steward sources list` shows them\n',
    });
  });
});

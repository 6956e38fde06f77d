// `steward catalog import` as a user runs it: the real binary against a listening in-process server,
// its summary, its problem lines and its exit codes.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { writeGitRepo } from '../ownership/git-repo.test-support.ts';
import { ledgerYaml, paymentsFiles, type TempTree, tempTree } from './fixture.test-support.ts';

const bin = resolve(import.meta.dirname, '../../../bin/steward.js');

function steward(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describeEachEngine('steward catalog import', ({ db }) => {
  let steward_: TestSteward;
  let server: string;
  let tree: TempTree;
  let env: Record<string, string>;

  beforeAll(async () => {
    steward_ = await startTestSteward(db());
    await steward_.app.listen({ port: 0, host: '127.0.0.1' });
    const address = steward_.app.server.address() as { port: number };
    server = `http://127.0.0.1:${address.port}`;
    tree = tempTree({
      ...paymentsFiles,
      CODEOWNERS: '* @acme/payments\n',
      'notes/readme.yaml': 'just: notes\n',
    });
    env = {
      STEWARD_TOKEN: readFileSync(join(steward_.dataDir, 'admin.token'), 'utf8').trim(),
      STEWARD_CONFIG: join(tree.dir, 'no-config.json'),
    };
  });
  afterAll(async () => {
    await steward_?.close();
    tree?.cleanup();
  });

  it('uploads a directory under its absolute path and prints what changed', async () => {
    const result = await steward(['catalog', 'import', tree.dir, '--server', server], env);
    expect(result.stderr).toContain(`uploading 5 files`);
    expect(result.stdout.trim()).toBe(
      `${tree.dir}: 5 added, 0 updated, 0 removed, 0 unchanged; 0 errors, 0 warnings (4 files, ${result.stdout.match(/, ([\d.]+) s\)/)?.[1]} s)`,
    );
    expect(result.code).toBe(0);
    const sources = (
      await steward_.call('GET', '/api/v1/catalog/sources', { token: env.STEWARD_TOKEN })
    ).json().items;
    expect(sources.find((s: { name: string }) => s.name === tree.dir)).toMatchObject({
      kind: 'upload',
      counts: { entities: 5 },
    });
  });

  it('sends the git remote of the directory imported, so the server knows which repository it is', async () => {
    const repo = writeGitRepo(
      {
        'catalog/teams.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: teams\nspec:\n  type: team\n  children: []\n',
      },
      'git@github.com:acme/teams.git',
    );
    try {
      const result = await steward(['catalog', 'import', join(repo, 'catalog'), '--server', server], env);
      expect(result.code, result.stderr).toBe(0);
      const sources = (
        await steward_.call('GET', '/api/v1/catalog/sources', { token: env.STEWARD_TOKEN })
      ).json().items;
      expect(sources.find((s: { name: string }) => s.name === join(repo, 'catalog'))).toMatchObject({
        kind: 'upload',
        repository: { name: 'git@github.com:acme/teams.git', path: 'catalog' },
      });
      await steward_.assembled.events.caughtUp();
      const asked = await steward_.call(
        'GET',
        '/api/v1/who-owns?thing=src/x.go&repository=github.com/acme/teams',
        {
          token: env.STEWARD_TOKEN,
        },
      );
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json().items[0].repository).toBe('github.com/acme/teams');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('replaces the upload when imported again: a removed file removes its entity', async () => {
    tree.remove('ledger/catalog-info.yaml');
    const result = await steward(['catalog', 'import', tree.dir, '--server', server], env);
    expect(result.stdout).toContain('0 added, 0 updated, 1 removed, 4 unchanged; 0 errors, 1 warning');
    expect(result.stdout).toContain('payments-api/catalog-info.yaml:10:15: warning dangling-ref');
    expect(result.code).toBe(0);
    tree.write('ledger/catalog-info.yaml', ledgerYaml);
  });

  it('prints errors at file:line:col and exits 1, importing the rest', async () => {
    tree.write(
      'broken/catalog-info.yaml',
      ledgerYaml.replace('name: ledger', 'name: broken').replace('  type: service\n', ''),
    );
    const result = await steward(['catalog', 'import', tree.dir, '--server', server], env);
    // broken's spec mapping starts at line 7 (`lifecycle`, now that `type` is gone): a missing field points there.
    expect(result.stdout).toContain('broken/catalog-info.yaml:7:3: error missing-field');
    expect(result.stdout).toContain('1 added, 0 updated, 0 removed, 4 unchanged; 1 error, 0 warnings');
    expect(result.code).toBe(1);
  });

  it('says what is wrong, with exit code 2, for an unreadable path or without an admin token', async () => {
    const missing = await steward(['catalog', 'import', join(tree.dir, 'nope'), '--server', server], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read ${join(tree.dir, 'nope')}: no such file or directory`);
    const anonymous = await steward(['catalog', 'import', tree.dir, '--server', server], {
      ...env,
      STEWARD_TOKEN: '',
    });
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain('no API token');
  });
});

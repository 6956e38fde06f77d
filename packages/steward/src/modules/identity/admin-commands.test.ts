// `steward users …`, `steward teams …` and `steward --version` as an on-call engineer runs them: the
// real binary against a listening in-process server, checked against what the API then says.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { runStewardCli } from '../../server/test-serve.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const packageJson = resolve(import.meta.dirname, '../../../package.json');

describeEachEngine('steward users and teams', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runStewardCli(args, env);
  const api = async (url: string) => (await steward.call('GET', url, { token: org.tokens.admin })).json();

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward.app.server.address() as { port: number };
    env = {
      STEWARD_SERVER: `http://127.0.0.1:${port}`,
      STEWARD_TOKEN: org.tokens.admin,
      STEWARD_CONFIG: join(steward.dataDir, 'no-config.json'),
    };
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('prints the version from the package, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
    for (const flag of ['--version', '-V']) {
      const run = await runStewardCli([flag]);
      expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
    }
  });

  it('creates a person with a password shown once, which signs them in', async () => {
    const run = await cli('users', 'create', 'lena', '--name', 'Lena Ops', '--email', 'lena@acme.example');
    expect(run.code).toBe(0);
    const password = run.stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(run.stderr).toContain('user lena (member) created; the password above is shown only once');
    expect(await api('/api/v1/users/lena')).toMatchObject({ name: 'Lena Ops', email: 'lena@acme.example' });
    const login = await steward.call('POST', '/api/v1/auth/login', { body: { handle: 'lena', password } });
    expect(login.statusCode).toBe(200);
  });

  it('sets a role, disables and enables, resets a password, and shows the person', async () => {
    expect((await cli('users', 'set-role', 'lena', 'viewer')).code).toBe(0);
    expect((await api('/api/v1/users/lena')).role).toBe('viewer');
    expect((await cli('users', 'disable', 'lena')).code).toBe(0);
    const shown = await cli('users', 'show', 'lena');
    expect(shown.stdout).toMatch(/^status: +disabled since \d{4}-/m);
    expect((await cli('users', 'list')).stdout).toMatch(/^lena +Lena Ops +viewer +- +disabled$/m);
    expect((await cli('users', 'enable', 'lena', '--format', 'json')).stdout).toContain('"disabledAt": null');

    const reset = await cli('users', 'reset-password', 'lena');
    expect(reset.code).toBe(0);
    const login = await steward.call('POST', '/api/v1/auth/login', {
      body: { handle: 'lena', password: reset.stdout.trim() },
    });
    expect(login.statusCode).toBe(200);
  });

  it('answers bad usage with exit 2 and one line saying what would be right', async () => {
    const role = await cli('users', 'set-role', 'lena', 'superuser');
    expect(role.code).toBe(2);
    expect(role.stderr).toBe('steward: role "superuser" is not a role; use admin, member or viewer\n');
    const unknown = await cli('users', 'disable', 'nobody-here');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('404: no user with handle "nobody-here"');
    const asViewer = await runStewardCli(['users', 'create', 'x', '--name', 'X'], {
      ...env,
      STEWARD_TOKEN: org.tokens.viewer,
    });
    expect(asViewer.code).toBe(2);
    expect(asViewer.stderr).toMatch(/^steward: 403: /);
  });

  it('creates a team, adds a lead and a member, removes one, and deletes the team', async () => {
    const created = await cli('teams', 'create', 'sre', '--display-name', 'SRE', '--parent', 'platform');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^parent: +platform$/m);
    expect((await cli('teams', 'add-member', 'sre', 'lena', '--role', 'lead')).code).toBe(0);
    const added = await cli('teams', 'add-member', 'sre', 'noah');
    expect(added.stdout).toMatch(/^members: +lena \(lead\), noah$/m);
    expect((await api('/api/v1/teams/sre')).members).toEqual([
      { handle: 'lena', name: 'Lena Ops', role: 'lead' },
      { handle: 'noah', name: 'Noah Member', role: 'member' },
    ]);
    expect((await cli('teams', 'remove-member', 'sre', 'noah')).code).toBe(0);
    expect((await api('/api/v1/users/noah')).teams).not.toContain('sre');

    const badRole = await cli('teams', 'add-member', 'sre', 'noah', '--role', 'boss');
    expect(badRole).toMatchObject({ code: 2, stderr: expect.stringContaining('use lead or member') });
    const parent = await cli('teams', 'delete', 'platform');
    expect(parent.code).toBe(2);
    expect(parent.stderr).toContain('409: team platform has sub-teams (payments, sre)');

    const deleted = await cli('teams', 'delete', 'sre');
    expect(deleted).toMatchObject({ code: 0, stderr: 'team sre deleted (it had 1 member)\n' });
    expect((await steward.call('GET', '/api/v1/teams/sre', { token: org.tokens.admin })).statusCode).toBe(
      404,
    );
  });

  it('has help with examples for every new verb', async () => {
    for (const verb of [
      ['users', 'create'],
      ['users', 'reset-password'],
      ['users', 'set-role'],
      ['teams', 'add-member'],
      ['teams', 'delete'],
    ]) {
      const help = await cli(...verb, '--help');
      expect(help.code, verb.join(' ')).toBe(0);
      expect(help.stdout, verb.join(' ')).toContain(`Examples:\n  $ steward ${verb.join(' ')}`);
    }
  });
});

// `steward audit` as a user runs it: the real binary against a listening in-process server, its
// filters passed through to the API, and a wrong one named in the error.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

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

describeEachEngine('steward audit', ({ db }) => {
  let steward_: TestSteward;
  let env: Record<string, string>;

  beforeAll(async () => {
    steward_ = await startTestSteward(db());
    await steward_.app.listen({ port: 0, host: '127.0.0.1' });
    const address = steward_.app.server.address() as { port: number };
    env = {
      STEWARD_TOKEN: readFileSync(join(steward_.dataDir, 'admin.token'), 'utf8').trim(),
      STEWARD_SERVER: `http://127.0.0.1:${address.port}`,
      STEWARD_CONFIG: join(steward_.dataDir, 'no-config.json'),
    };
  });
  afterAll(async () => {
    await steward_?.close();
  });

  it('passes --action, --subject and a time range to the API', async () => {
    // First start records the admin user and its token, both by system:first-start.
    const tokens = await steward(['audit', '--action', 'token.create', '--format', 'json'], env);
    expect(tokens.stderr).toBe('');
    expect(tokens.code).toBe(0);
    const items = JSON.parse(tokens.stdout).items as { action: string; actor: string }[];
    expect(items.map((e) => [e.action, e.actor])).toEqual([['token.create', 'system:first-start']]);

    const admin = await steward(
      ['audit', '--subject', 'admin', '--subject-type', 'user', '--format', 'json'],
      env,
    );
    expect(JSON.parse(admin.stdout).items.map((e: { action: string }) => e.action)).toEqual(['user.create']);

    const past = await steward(['audit', '--until', '2000-01-01T00:00:00Z', '--format', 'json'], env);
    expect(JSON.parse(past.stdout).items).toEqual([]);
  });

  it('says which filter is wrong and what would be right', async () => {
    const result = await steward(['audit', '--since', 'yesterday'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('querystring.since');
  });
});

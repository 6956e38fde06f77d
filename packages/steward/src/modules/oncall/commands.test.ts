// `steward oncall …` as an on-call engineer runs it: the real binary against a listening server.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { runStewardCli } from '../../server/test-serve.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { seedOncall } from './oncall.test-support.ts';

describeEachEngine('steward oncall', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runStewardCli(args, env);

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    await seedOncall(steward);
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward.app.server.address() as { port: number };
    env = {
      STEWARD_SERVER: `http://127.0.0.1:${port}`,
      STEWARD_TOKEN: org.tokens.member,
      STEWARD_CONFIG: join(steward.dataDir, 'no-config.json'),
    };
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('prints who is on call for a service at an instant, as text and as the API answers in JSON', async () => {
    const text = await cli('oncall', 'now', '--service', 'checkout', '--at', '2026-01-07T12:00:00Z');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LEVEL +USER +SCHEDULE +POLICY +FROM +UNTIL$/);
    expect(lines[1]).toMatch(
      /^1 +user:default\/mia +schedule:default\/payments-primary +escalationpolicy:default\/payments +2026-01-05T08:00:00.000Z +2026-01-12T08:00:00.000Z$/,
    );
    expect(lines[2]).toMatch(/^2 +user:default\/otto +- +escalationpolicy:default\/payments /);
    const json = await cli(
      'oncall',
      'now',
      '--team',
      'payments',
      '--at',
      '2026-01-07T12:00:00Z',
      '--format',
      'json',
    );
    const api = await steward.call('GET', '/api/v1/oncall?team=payments&at=2026-01-07T12:00:00Z', {
      token: org.tokens.member,
    });
    expect(JSON.parse(json.stdout)).toEqual(api.json());
  });

  it('exits 2 with a one-line reason for bad usage', async () => {
    const both = await cli('oncall', 'now', '--service', 'checkout', '--team', 'payments');
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(both.stderr.trim().split('\n')[0]).toContain('give --service or --team, not both');
    const badAt = await cli('oncall', 'now', '--team', 'payments', '--at', 'tomorrow');
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toContain('--at tomorrow is not an ISO 8601 instant');
    expect((await cli('oncall', 'schedule', 'payments-primary', '--weeks', 'x')).code).toBe(2);
  });

  it("prints a schedule's coming shifts in its zone and in UTC", async () => {
    const run = await cli('oncall', 'schedule', 'payments-primary', '--weeks', '3');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('schedule:default/payments-primary (Europe/Berlin)');
    // Hand-offs are Mondays 09:00 Berlin: 08:00Z in winter, 07:00Z in summer.
    const handOffs = lines.slice(2).map((line) => line.match(/^(\w{3} \S+ \S+) → /)?.[1]);
    for (const at of handOffs) expect(at).toMatch(/^Mon \d{4}-\d{2}-\d{2} 09:00$/);
    expect(
      lines.slice(1).every((line) => / \((\S+ \S+Z) → (\S+ \S+Z)\) {2}user:default\/(mia|noah)$/.test(line)),
    ).toBe(true);
  });

  it('makes an override', async () => {
    const run = await cli(
      'oncall',
      'override',
      'payments-primary',
      '--user',
      'noah',
      '--from',
      '2026-01-07T10:00:00Z',
      '--until',
      '2026-01-07T14:00:00Z',
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ user: 'user:default/noah', createdBy: 'mia' });
    const now = await cli(
      'oncall',
      'now',
      '--service',
      'checkout',
      '--at',
      '2026-01-07T12:00:00Z',
      '--format',
      'json',
    );
    expect(JSON.parse(now.stdout).oncall[0].user).toBe('user:default/noah');
  });
});

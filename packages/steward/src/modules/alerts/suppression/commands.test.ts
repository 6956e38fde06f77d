// `steward silences …` and `steward maintenance …` in-process against a listening app with the
// suppression routes, on both engines: what they send, print, and refuse before sending.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Authenticator } from '../../../platform/auth/principal.ts';
import { CliExit, createProgram } from '../../../platform/cli/program.ts';
import { silentLogger } from '../../../platform/logging.ts';
import { createMetrics } from '../../../platform/metrics.ts';
import { type App, createApp, registerRoutes } from '../../../server/app.ts';
import { moduleMigrationFolders } from '../../../server/modules.ts';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { endOf } from './command-times.ts';
import { registerSuppressionCommands } from './commands.ts';
import { createSuppression } from './index.ts';
import { person, shopCatalog, withSuppressionTables } from './suppression.test-support.ts';

const mia = person('mia', 'member', ['payments']);
const authenticator: Authenticator = {
  authenticate: async (request) => (request.headers.authorization === 'Bearer mia-token' ? mia : null),
};

/** Runs one command line; answers what it printed, or the exit it ended with. */
async function run(...args: string[]): Promise<{ stdout: string; exit?: CliExit }> {
  // createProgram listens for EPIPE on stdout; each run's listener goes with it.
  const listening = process.stdout.listeners('error');
  const program = createProgram();
  registerSuppressionCommands(program);
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { stdout };
  } catch (error) {
    if (error instanceof CliExit) return { stdout, exit: error };
    throw error;
  } finally {
    write.mockRestore();
    for (const listener of process.stdout.listeners('error')) {
      if (!listening.includes(listener)) process.stdout.off('error', listener as () => void);
    }
  }
}

describe('--duration', () => {
  it("adds amtool's units to the start", () => {
    const start = '2026-03-01T10:00:00.000Z';
    expect(endOf({ startsAt: start, duration: '1d12h' })).toBe('2026-03-02T22:00:00.000Z');
    expect(endOf({ duration: '90m' }, new Date(start))).toBe('2026-03-01T11:30:00.000Z');
    expect(endOf({ endsAt: start })).toBe(start);
    expect(() => endOf({ duration: '2 hours' })).toThrow(/not a duration/);
    expect(() => endOf({ duration: '1h', endsAt: start })).toThrow(/not both/);
  });
});

describeEachEngine('steward silences and maintenance', ({ db }) => {
  let app: App;
  beforeAll(async () => {
    const database = await withSuppressionTables(db(), moduleMigrationFolders);
    app = await createApp({
      logger: silentLogger(),
      metrics: createMetrics(),
      authenticator,
      bodyLimit: 64 * 1024,
      isReady: async () => true,
      version: 'test',
    });
    await registerRoutes(app, createSuppression({ database, catalog: await shopCatalog() }).routes);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    vi.stubEnv('STEWARD_SERVER', `http://127.0.0.1:${port}`);
    vi.stubEnv('STEWARD_TOKEN', 'mia-token');
    vi.stubEnv('STEWARD_CONFIG', '/nonexistent/steward-config.json');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await app?.close();
  });

  it('adds, lists and expires a silence', async () => {
    const before = Date.now();
    const added = await run(
      'silences',
      'add',
      'service="checkout"',
      'severity=~"warn|info"',
      '--duration',
      '2h',
      '--comment',
      'load test',
      '--format',
      'json',
    );
    expect(added.exit).toBeUndefined();
    const silence = JSON.parse(added.stdout);
    expect(silence).toMatchObject({
      text: 'service="checkout", severity=~"warn|info"',
      createdBy: 'mia',
      state: 'active',
    });
    const hours = (Date.parse(silence.endsAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThanOrEqual(2);
    expect(hours).toBeLessThan(2.01);

    const listed = await run('silences', 'list', '--state', 'active');
    expect(listed.stdout).toMatch(
      new RegExp(`^${silence.id} +active +service="checkout", severity=~"warn\\|info" +`, 'm'),
    );
    const expired = await run('silences', 'expire', silence.id);
    expect(expired.stdout).toMatch(/^state: +expired$/m);
    expect((await run('silences', 'list', '--state', 'active')).stdout).not.toContain(silence.id);
  });

  it('refuses before sending what the server would refuse, and passes on what it says', async () => {
    expect((await run('silences', 'add', 'a="b"', '--comment', 'c')).exit?.message).toContain('say how long');
    expect((await run('silences', 'list', '--state', 'soon')).exit?.code).toBe(2);
    const matchAll = await run('silences', 'add', 'team=~".*"', '--duration', '1h', '--comment', 'c');
    expect(matchAll.exit?.code).toBe(2);
    expect(matchAll.exit?.message).toContain('would silence every alert');
  });

  it('adds a silence until an alert resolves', async () => {
    const added = await run(
      'silences',
      'add',
      'alertname="DiskFull"',
      '--until-resolved',
      'alert-9',
      '--comment',
      'c',
    );
    expect(added.stdout).toMatch(/^ends: +when alert alert-9 resolves$/m);
  });

  it('opens, lists and ends a maintenance window', async () => {
    const opened = await run(
      'maintenance',
      'add',
      'checkout',
      '--duration',
      '1h',
      '--reason',
      'database upgrade',
      '--format',
      'json',
    );
    const window = JSON.parse(opened.stdout);
    expect(window).toMatchObject({
      service: 'component:default/checkout',
      state: 'active',
      reason: 'database upgrade',
    });
    const listed = await run('maintenance', 'list', '--service', 'checkout');
    expect(listed.stdout).toMatch(new RegExp(`^${window.id} +active +component:default/checkout `, 'm'));
    expect((await run('maintenance', 'end', window.id)).stdout).toMatch(/^state: +expired$/m);
    expect((await run('maintenance', 'end', window.id)).exit?.message).toContain('already ended');
  });
});

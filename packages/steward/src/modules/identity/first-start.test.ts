import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logging.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward } from '../../server/test-steward.ts';
import { catalogOn } from './catalog.test-support.ts';
import { createIdentity } from './index.ts';
import type { IdentityTables } from './tables.ts';

describeEachEngine('first start', ({ db }) => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-first-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('creates nothing when the token file cannot be written, so the next start tries again', async () => {
    const notADir = join(tempDir(), 'a-file');
    writeFileSync(notADir, 'x');
    const identity = createIdentity({ database: db(), logger: silentLogger(), catalog: catalogOn(db()) });
    await expect(identity.ensureFirstAdmin(join(notADir, 'data'))).rejects.toThrow(
      /cannot write .*admin\.token: .*Give Steward a writable --data-dir/,
    );
    const users = await db().kysely<IdentityTables>().selectFrom('users').select('handle').execute();
    expect(users).toEqual([]);
  });

  it('creates the admin with a 0600 token and password file, and logs the paths but not the secrets', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'admin.token'), 'stale\n', { mode: 0o644 });
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const identity = createIdentity({ database: db(), logger, catalog: catalogOn(db()) });
    const files = await identity.ensureFirstAdmin(dataDir);
    expect(files).toEqual({
      tokenFile: join(dataDir, 'admin.token'),
      passwordFile: join(dataDir, 'admin.password'),
    });
    const token = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
    const password = readFileSync(join(dataDir, 'admin.password'), 'utf8').trim();
    expect(token).toMatch(/^stw_/);
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(statSync(join(dataDir, 'admin.token')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'admin.password')).mode & 0o777).toBe(0o600);
    const log = lines.join('');
    expect(log).toContain(join(dataDir, 'admin.token'));
    expect(log).toContain(join(dataDir, 'admin.password'));
    expect(log).not.toContain(token);
    expect(log).not.toContain(password);

    // Nothing more on the next start: the admin exists.
    expect(await identity.ensureFirstAdmin(tempDir())).toBeNull();
    const admins = await db()
      .kysely<IdentityTables>()
      .selectFrom('users')
      .select('handle')
      .where('role', '=', 'admin')
      .execute();
    expect(admins).toEqual([{ handle: 'admin' }]);
  });

  it('gives the app an admin whose token and password both work', async () => {
    // The suite's database already has its admin; a started app keeps it and adds no other.
    const steward = await startTestSteward(db());
    try {
      const dataDir = dirs[1] as string;
      const token = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
      const me = await steward.call('GET', '/api/v1/me', { token });
      expect(me.json().user).toMatchObject({ handle: 'admin', role: 'admin' });
      const createTeam = await steward.call('POST', '/api/v1/teams', { token, body: { name: 'ops' } });
      expect(createTeam.statusCode).toBe(201);
      const password = readFileSync(join(dataDir, 'admin.password'), 'utf8').trim();
      const login = await steward.call('POST', '/api/v1/auth/login', { body: { handle: 'admin', password } });
      expect(login.statusCode).toBe(200);
      expect(login.json().user.role).toBe('admin');
    } finally {
      await steward.close().catch(() => {});
    }
  });
});

// Steward on PostgreSQL as a role that cannot rewrite history: an owner role migrates and grants, the
// serving role reads and writes rows, and may only read and append to the audit log. Real roles, made
// for this run and dropped after.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleMigrationFolders } from '../../server/modules.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { testDatabaseUrl } from '../config.ts';
import { type Database, openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { auditLogRisk, migrateAsOwner } from './serving-role.ts';

describe('the serving role on PGlite', () => {
  it('is the only role there is: nothing to warn about', async () => {
    const database = await openDatabase({});
    expect(await auditLogRisk(database)).toBeUndefined();
    await database.close();
  });
});

const baseUrl = testDatabaseUrl();
if (baseUrl) {
  describe('the serving role on PostgreSQL', () => {
    const suffix = randomBytes(5).toString('hex');
    const owner = `steward_owner_${suffix}`;
    const serving = `steward_serving_${suffix}`;
    const databaseName = `steward_roles_${suffix}`;
    const urlAs = (role: string) => {
      const url = new URL(baseUrl);
      url.username = role;
      url.password = '';
      url.pathname = `/${databaseName}`;
      return url.toString();
    };
    let servingDb: Database;
    let steward: TestSteward;
    let applied: string[];

    beforeAll(async () => {
      await asAdmin(baseUrl, [
        `create role ${owner} login`,
        `create role ${serving} login`,
        `create database ${databaseName} owner ${owner}`,
        `create database ${databaseName}_new owner ${owner}`,
      ]);
      servingDb = await openDatabase({ url: urlAs(serving), poolSize: 3 });
      applied = await migrateAsOwner(urlAs(owner), servingDb, moduleMigrationFolders);
      steward = await startTestSteward(servingDb);
    }, 60_000);
    afterAll(async () => {
      await steward?.close();
      await servingDb?.close();
      await asAdmin(baseUrl, [
        `drop database if exists ${databaseName} with (force)`,
        `drop database if exists ${databaseName}_new with (force)`,
        `drop role if exists ${serving}`,
        `drop role if exists ${owner}`,
      ]);
    });

    it('migrates as the owner, which owns every table', async () => {
      expect(applied).toContain('0004-audit');
      const rows = await query(
        urlAs(owner),
        `select distinct tableowner from pg_tables where schemaname = 'public'`,
      );
      expect(rows).toEqual([{ tableowner: owner }]);
      // With nothing left to apply, the serving role may check so itself (a server without the owner URL).
      expect(await migrateToLatest(servingDb, moduleMigrationFolders)).toEqual([]);
    });

    it('serves as the other role: the app works, and its changes are audited', async () => {
      const created = await steward.call('POST', '/api/v1/teams', {
        token: steward.adminToken,
        body: { name: 'sre', displayName: 'SRE' },
      });
      expect(created.statusCode).toBe(201);
      const renamed = await steward.call('PATCH', '/api/v1/teams/sre', {
        token: steward.adminToken,
        body: { displayName: 'Site Reliability' },
      });
      expect(renamed.statusCode).toBe(200);
      const audit = await steward.call('GET', '/api/v1/audit', { token: steward.adminToken });
      const actions = audit
        .json()
        .items.map((e: { action: string; subjectId: string }) => `${e.action} ${e.subjectId}`);
      expect(actions).toEqual(expect.arrayContaining(['team.create sre', 'team.update sre']));
    });

    it('cannot disable the audit log trigger, nor update, delete or truncate its rows', async () => {
      for (const statement of [
        'alter table audit_log disable trigger audit_log_no_update_or_delete',
        'drop trigger audit_log_no_truncate on audit_log',
        `update audit_log set actor = 'someone else'`,
        'delete from audit_log',
        'truncate audit_log',
        'create table steward_extra (id int)',
      ]) {
        const error = await query(urlAs(serving), statement).catch((e) => e);
        expect(error, statement).toBeInstanceOf(Error);
        expect(error.code, statement).toBe('42501'); // insufficient_privilege
      }
      const rows = await query(urlAs(serving), 'select count(*)::int as count from audit_log');
      expect(rows[0]?.count).toBeGreaterThan(0);
    });

    it('says, when the serving role alone meets migrations to apply, that the owner must run them', async () => {
      const url = new URL(urlAs(serving));
      url.pathname = `/${databaseName}_new`;
      const fresh = await openDatabase({ url: url.toString(), poolSize: 1 });
      try {
        await expect(migrateToLatest(fresh, moduleMigrationFolders)).rejects.toThrow(
          /permission denied.*may not change the schema; give the owner of the tables as --database-owner-url/,
        );
      } finally {
        await fresh.close();
      }
    });

    it('steward db migrate does the same from the command line, for a server started without the owner URL', () => {
      const url = (role: string) => {
        const u = new URL(urlAs(role));
        u.pathname = `/${databaseName}_new`;
        return u.toString();
      };
      const missing = runSteward(['db', 'migrate', '--database-url', url(serving)]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('needs --database-owner-url');
      const run = runSteward(['db', 'migrate', '--database-url', url(serving)], {
        STEWARD_DATABASE_OWNER_URL: url(owner),
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^applied \d+ migration\(s\): 0001-instance, /);
      expect(run.stdout).toContain('only read and append to the audit log');
      const again = runSteward([
        'db',
        'migrate',
        '--database-url',
        url(serving),
        '--database-owner-url',
        url(owner),
      ]);
      expect(again.stdout).toMatch(/^no migrations to apply/);
    });

    it('warns when the serving role owns the audit log, or is a superuser, and says what to change', async () => {
      expect(await auditLogRisk(servingDb)).toBeUndefined();
      const asOwner = await openDatabase({ url: urlAs(owner), poolSize: 1 });
      const asSuperuser = await openDatabase({ url: urlAs(new URL(baseUrl).username), poolSize: 1 });
      try {
        expect(await auditLogRisk(asOwner)).toMatch(
          new RegExp(`role "${owner}" owns the audit log table.*--database-owner-url`),
        );
        // The superuser does not own the audit log here, and can still do anything to it.
        expect(await auditLogRisk(asSuperuser)).toMatch(/is a superuser.*--database-owner-url/);
      } finally {
        await asOwner.close();
        await asSuperuser.close();
      }
    });
  });
}

async function asAdmin(url: string, statements: string[]): Promise<void> {
  for (const statement of statements) await query(url, statement);
}

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const bin = resolve(import.meta.dirname, '../../../bin/steward.js');

function runSteward(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine, testEngines } from '../../server/test-engines.ts';
import { testDatabaseUrl } from '../config.ts';
import { openDatabase } from './database.ts';

describeEachEngine('database', ({ db }) => {
  it('has applied the migrations', async () => {
    const rows = await sql<{ id: number }>`select id from steward_instance`.execute(db().kysely());
    expect(rows.rows).toEqual([{ id: 1 }]);
  });

  it('delivers a notification to a listener and stops after unlisten', async () => {
    const received: string[] = [];
    const unlisten = await db().listen('steward_test_channel', (payload) => received.push(payload));
    await db().notify('steward_test_channel', 'hello');
    await expect.poll(() => received).toEqual(['hello']);
    await unlisten();
    await db().notify('steward_test_channel', 'after');
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual(['hello']);
  });

  it('answers ping', async () => {
    expect(await db().ping()).toBe(true);
  });
});

describe('test engines', () => {
  it('include PostgreSQL whenever STEWARD_TEST_DATABASE_URL is set', () => {
    expect(testEngines.includes('postgres')).toBe(testDatabaseUrl() !== undefined);
  });
});

describe('openDatabase', () => {
  it('says clearly when PostgreSQL cannot be reached', async () => {
    await expect(openDatabase({ url: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(
      /cannot reach PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/none: connection refused/,
    );
  });

  it('does not print the password of an unreachable URL', async () => {
    const error = await openDatabase({ url: 'postgres://u:secret@127.0.0.1:1/none' }).catch((e) => e);
    expect(String(error.message)).not.toContain('secret');
    expect(String(error.message)).toContain('u:***@');
  });
});

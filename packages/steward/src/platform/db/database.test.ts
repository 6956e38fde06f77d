import { randomBytes } from 'node:crypto';
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

  it('writes and reads bytea byte for byte, whatever the bytes and wherever they sit in memory', async () => {
    const kysely = db().kysely();
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const large = randomBytes(1 << 20);
    // A view into a larger buffer (as Node's pooled Buffers are): only its own bytes are written.
    const view = Buffer.from([9, 9, 0xde, 0xad, 0xbe, 0xef, 9]).subarray(2, 6);
    for (const [name, bytes, hex] of [
      ['empty', new Uint8Array(0), ''],
      ['every byte value', every, Buffer.from(every).toString('hex')],
      ['a megabyte', large, large.toString('hex')],
      ['a view', view, 'deadbeef'],
    ] as const) {
      // Each direction checked against the database's own hex, not only against the other.
      const { rows } = await sql<{ stored: string; back: Uint8Array }>`
        select encode(${bytes}::bytea, 'hex') as stored, ${bytes}::bytea as back`.execute(kysely);
      expect(rows[0]?.stored, name).toBe(hex);
      expect(rows[0]?.back, name).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(rows[0]?.back as Uint8Array).toString('hex'), name).toBe(hex);
    }
    const { rows } = await sql<{ b: Uint8Array }>`select decode('00ff10', 'hex') as b`.execute(kysely);
    expect([...(rows[0]?.b ?? [])]).toEqual([0, 255, 16]);
  });

  it('lets a timer run between transactions run back to back (PGlite works on this thread)', async () => {
    let fired = false;
    setTimeout(() => {
      fired = true;
    }, 0);
    let firedAfter: number | undefined;
    for (let n = 0; n < 50 && firedAfter === undefined; n++) {
      await db()
        .kysely()
        .transaction()
        .execute((trx) => sql`select 1`.execute(trx));
      if (fired) firedAfter = n + 1;
    }
    // Not only once the whole run is over: a request waiting meanwhile would wait as long.
    expect(firedAfter).toBeDefined();
    expect(firedAfter).toBeLessThan(50);
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

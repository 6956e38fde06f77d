// Statements that name themselves run as prepared statements on PostgreSQL (parsed and planned once per
// connection), with their parameters; on PGlite the name is a comment. Others are left alone.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { openDatabase } from './database.ts';
import { prepareAs, preparedName } from './prepared.ts';

describe('prepared statement names', () => {
  it('reads the name a statement gives itself, and only that mark', () => {
    expect(preparedName('/* prepare: entity_detail */ select 1')).toBe('entity_detail');
    expect(preparedName('select /* prepare: token_by_hash */ "id" from "api_tokens"')).toBe('token_by_hash');
    expect(preparedName('select 1 /* a comment */')).toBeNull();
    expect(preparedName('/* prepare: Not-A-Name */ select 1')).toBeNull();
    expect(prepareAs('entity_detail')).toBe('/* prepare: entity_detail */');
    expect(() => prepareAs('entity detail')).toThrow(/snake_case/);
  });
});

describeEachEngine('prepared statements', ({ engine, url }) => {
  it('answers a marked statement with its parameters, prepared once per connection on PostgreSQL', async () => {
    // One connection, so the view of prepared statements is the one the statements ran on.
    const database = await openDatabase({ url: url(), poolSize: 1 });
    try {
      const db = database.kysely<unknown>();
      const ask = (n: number) =>
        sql<{ twice: number }>`${sql.raw(prepareAs('bench_twice'))} select ${n}::int * 2 as twice`.execute(
          db,
        );
      expect((await ask(3)).rows).toEqual([{ twice: 6 }]);
      expect((await ask(21)).rows).toEqual([{ twice: 42 }]);
      await sql`select 1 as unmarked`.execute(db);
      const prepared = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements order by name`.execute(db);
      if (engine === 'postgres') {
        expect(prepared.rows.map((r) => r.name)).toEqual(['bench_twice']);
        expect(prepared.rows[0]?.statement).toContain('/* prepare: bench_twice */');
      } else {
        expect(prepared.rows.map((r) => r.name)).not.toContain('bench_twice');
      }
    } finally {
      await database.close();
    }
  });
});

// Requests written together: several arriving while a write is under way go in the next statement
// together, in arrival order, each answered only once its row is committed, and a request of an
// integration deleted meanwhile is answered false with nothing written. On both engines.
import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import type { AlertTables } from '../tables.ts';
import { InboxWriter } from './inbox-writer.ts';

describeEachEngine('the inbox writer', ({ db }) => {
  const kysely = () => db().kysely<AlertTables>() as Kysely<AlertTables>;
  const rows = async () =>
    (
      await sql<{ integration_name: string; items: Uint8Array }>`
      select integration_name, items from alert_inbox order by seq`.execute(kysely())
    ).rows.map((row) => `${row.integration_name}:${Buffer.from(row.items).toString('utf8')}`);

  beforeAll(async () => {
    for (const [id, name, deleted] of [
      ['i-live', 'live', false],
      ['i-other', 'other', false],
      ['i-gone', 'gone', true],
    ] as const) {
      await sql`insert into alert_integrations (id, type, name, key_hash, created_by, deleted_at)
        values (${id}, 'alertmanager', ${name}, ${`hash-${id}`}, 'test', ${deleted ? sql`now()` : null})`.execute(
        kysely(),
      );
    }
  });

  it('writes requests that arrive together in arrival order, and answers each for its integration', async () => {
    const writer = new InboxWriter(kysely());
    const statements: string[] = [];
    const counted = kysely().withPlugin({
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const counting = new InboxWriter(counted);
    const first = counting.write('i-live', Buffer.from('1'));
    // Arriving while the first is being written: the next statement takes them all.
    const rest = ['i-other', 'i-gone', 'i-live'].map((id, n) =>
      counting.write(id, Buffer.from(String(n + 2))),
    );
    expect(await Promise.all([first, ...rest])).toEqual([true, true, false, true]);
    expect(statements).toHaveLength(2);
    expect(await rows()).toEqual(['live:1', 'other:2', 'live:4']);
    // A lone request goes at once, by itself; alone too, one of a deleted integration writes nothing.
    expect(await writer.write('i-other', Buffer.from('5'))).toBe(true);
    expect(await writer.write('i-gone', Buffer.from('6'))).toBe(false);
    expect((await rows()).slice(-2)).toEqual(['live:4', 'other:5']);
  });

  it('fails every request of a statement that fails, and writes the next ones', async () => {
    const writer = new InboxWriter(kysely());
    const before = (await rows()).length;
    // An integration id no text column takes (a NUL) fails the whole statement on both engines.
    const bad = writer.write('i-\u0000', Buffer.from('x'));
    await expect(bad).rejects.toThrow();
    expect(await writer.write('i-live', Buffer.from('7'))).toBe(true);
    expect((await rows()).slice(before)).toEqual(['live:7']);
  });
});

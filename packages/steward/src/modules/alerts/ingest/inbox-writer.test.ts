// Requests written together: several arriving while a write is under way go in the next statement
// together, in arrival order, each answered only once its row is committed, and a request of an
// integration deleted meanwhile is answered false with nothing written. On both engines.
import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import type { AlertTables } from '../tables.ts';
import { type AcceptedRequest, decodeRow } from './inbox-store.ts';
import { InboxWriter } from './inbox-writer.ts';

/** A request told apart by its body. */
const request = (body: string): AcceptedRequest => ({
  sender: 'alertmanager-api',
  receivedAt: '2026-12-06T10:00:00.000Z',
  body,
  urgency: null,
  routes: [],
  routeOf: [],
});

describeEachEngine('the inbox writer', ({ db }) => {
  const kysely = () => db().kysely<AlertTables>() as Kysely<AlertTables>;
  /** As each engine's server writes: deflated on the embedded database, plain on PostgreSQL. */
  const options = () => ({ deflate: db().engine === 'pglite' });
  const rows = async () =>
    (
      await sql<{ integration_name: string; items: Uint8Array }>`
      select integration_name, items from alert_inbox order by seq`.execute(kysely())
    ).rows.map((row) => `${row.integration_name}:${(decodeRow(row.items) as AcceptedRequest).body}`);

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
    const writer = new InboxWriter(kysely(), options());
    const statements: string[] = [];
    const counted = kysely().withPlugin({
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const counting = new InboxWriter(counted, options());
    const first = counting.write('i-live', request('1'));
    // Arriving while the first is being written: the next statement takes them all.
    const rest = ['i-other', 'i-gone', 'i-live'].map((id, n) => counting.write(id, request(String(n + 2))));
    expect(await Promise.all([first, ...rest])).toEqual([true, true, false, true]);
    expect(statements).toHaveLength(2);
    expect(await rows()).toEqual(['live:1', 'other:2', 'live:4']);
    // A lone request goes at once, by itself; alone too, one of a deleted integration writes nothing.
    expect(await writer.write('i-other', request('5'))).toBe(true);
    expect(await writer.write('i-gone', request('6'))).toBe(false);
    expect((await rows()).slice(-2)).toEqual(['live:4', 'other:5']);
  });

  it('fails every request of a statement that fails, and writes the next ones', async () => {
    const writer = new InboxWriter(kysely(), options());
    const before = (await rows()).length;
    // An integration id no text column takes (a NUL) fails the whole statement on both engines.
    const bad = writer.write('i-\u0000', request('x'));
    await expect(bad).rejects.toThrow();
    expect(await writer.write('i-live', request('7'))).toBe(true);
    expect((await rows()).slice(before)).toEqual(['live:7']);
  });
});

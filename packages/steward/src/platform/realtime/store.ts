// The live channel's SQL: per-topic sequence numbers, oversized event payloads, and who is online.
import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

type BigInt = ColumnType<string, number | string, number | string>;
type Timestamp = ColumnType<Date, Date, Date>;

export interface RealtimeTables {
  steward_realtime_topic: { topic: string; seq: BigInt };
  steward_realtime_payload: { id: Generated<string>; body: string; created_at: Generated<Date> };
  steward_realtime_presence: {
    process_id: string;
    user_id: string;
    handle: string;
    name: string;
    since: Timestamp;
    expires_at: Timestamp;
  };
}

export interface OnlineUser {
  handle: string;
  name: string;
  since: string;
}

/** What a publishing step may do; in a transaction, the topics' row locks are held until it commits. */
export interface RealtimeTx {
  /** Adds each count to its topic's last seq and answers the new last seq per topic. */
  advanceSeqs(counts: Map<string, number>): Promise<Map<string, number>>;
  storePayload(body: string): Promise<string>;
  onlineUsers(): Promise<OnlineUser[]>;
  /** NOTIFYs the payloads, in order, when the transaction commits. */
  announce(payloads: string[]): Promise<void>;
}

export interface PresenceRow {
  userId: string;
  handle: string;
  name: string;
}

export type RealtimeStore = ReturnType<typeof createRealtimeStore>;

export function createRealtimeStore(database: Database, channel: string) {
  const db = database.kysely<RealtimeTables>();
  return {
    /**
     * Runs a publishing step. On PostgreSQL it is one transaction with the NOTIFY inside, so
     * notifications reach listeners in commit order, which (the topic row lock being held until commit)
     * is seq order. PGlite's notifications are in-process and its publishing steps take turns (across
     * every hub on the database), so they go out after the work; a plain batch there skips BEGIN/COMMIT
     * (each statement costs a fraction of a millisecond of this process's CPU), while `atomic` work
     * (data computed from the database) still gets a transaction.
     */
    async publishing<T>(work: (tx: RealtimeTx) => Promise<T>, atomic: boolean): Promise<T> {
      if (database.engine === 'postgres') {
        return db.transaction().execute((trx) =>
          work(
            publishingApi(trx, async (payloads) => {
              await sql`select pg_notify(${channel}, p) from unnest(${payloads}::text[]) with ordinality as u(p, n) order by n`.execute(
                trx,
              );
            }),
          ),
        );
      }
      return inTurn(database, async () => {
        const afterwards: string[] = [];
        const collect = async (payloads: string[]) => {
          afterwards.push(...payloads);
        };
        const result = atomic
          ? await db.transaction().execute((trx) => work(publishingApi(trx, collect)))
          : await work(publishingApi(db, collect));
        for (const payload of afterwards) await database.notify(channel, payload);
        return result;
      });
    },

    async latestSeq(topic: string): Promise<number> {
      const row = await db
        .selectFrom('steward_realtime_topic')
        .select('seq')
        .where('topic', '=', topic)
        .executeTakeFirst();
      return row ? Number(row.seq) : 0;
    },

    async payloads(ids: string[]): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('steward_realtime_payload')
        .select(['id', 'body'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [String(r.id), r.body]));
    },

    async deletePayloadsOlderThan(ms: number): Promise<void> {
      await db.deleteFrom('steward_realtime_payload').where('created_at', '<', later(-ms)).execute();
    },

    onlineUsers: () => onlineUsers(db),

    async upsertPresence(processId: string, user: PresenceRow, ttlMs: number): Promise<void> {
      await db
        .insertInto('steward_realtime_presence')
        .values({
          process_id: processId,
          user_id: user.userId,
          handle: user.handle,
          name: user.name,
          since: sql<Date>`now()`,
          expires_at: later(ttlMs),
        })
        .onConflict((oc) => oc.columns(['process_id', 'user_id']).doNothing())
        .execute();
    },

    async deletePresence(processId: string, userId?: string): Promise<void> {
      let query = db.deleteFrom('steward_realtime_presence').where('process_id', '=', processId);
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      await query.execute();
    },

    /** Renews this process's rows and removes those no process renewed in time. */
    async renewPresence(processId: string, ttlMs: number): Promise<{ renewed: number; removed: number }> {
      const renewed = await db
        .updateTable('steward_realtime_presence')
        .set({ expires_at: later(ttlMs) })
        .where('process_id', '=', processId)
        .executeTakeFirst();
      const removed = await db
        .deleteFrom('steward_realtime_presence')
        .where('expires_at', '<', sql<Date>`now()`)
        .executeTakeFirst();
      return { renewed: Number(renewed.numUpdatedRows), removed: Number(removed.numDeletedRows) };
    },
  };
}

function publishingApi(
  trx: Kysely<RealtimeTables>,
  announce: (payloads: string[]) => Promise<void>,
): RealtimeTx {
  return {
    async advanceSeqs(counts) {
      // Sorted, so concurrent publishers lock the topic rows in the same order and cannot deadlock.
      const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const result = await trx
        .insertInto('steward_realtime_topic')
        .values(rows.map(([topic, count]) => ({ topic, seq: count })))
        .onConflict((oc) =>
          oc.column('topic').doUpdateSet({ seq: sql`steward_realtime_topic.seq + excluded.seq` }),
        )
        .returning(['topic', 'seq'])
        .execute();
      return new Map(result.map((r) => [r.topic, Number(r.seq)]));
    },
    async storePayload(body) {
      const row = await trx
        .insertInto('steward_realtime_payload')
        .values({ body })
        .returning('id')
        .executeTakeFirstOrThrow();
      return String(row.id);
    },
    onlineUsers: () => onlineUsers(trx),
    announce,
  };
}

/** Publishing steps on one PGlite database, one after another: seqs are then notified in order. */
const pgliteTurns = new WeakMap<Database, Promise<unknown>>();

function inTurn<T>(database: Database, step: () => Promise<T>): Promise<T> {
  const turn = (pgliteTurns.get(database) ?? Promise.resolve()).then(step, step);
  pgliteTurns.set(
    database,
    turn.catch(() => {}),
  );
  return turn;
}

function later(ms: number) {
  return sql<Date>`now() + ${ms} * interval '1 millisecond'`;
}

async function onlineUsers(db: Kysely<RealtimeTables>): Promise<OnlineUser[]> {
  const rows = await db
    .selectFrom('steward_realtime_presence')
    .select(['handle', (eb) => eb.fn.max('name').as('name'), (eb) => eb.fn.min('since').as('since')])
    .where('expires_at', '>', sql<Date>`now()`)
    .groupBy('handle')
    .orderBy('handle')
    .execute();
  return rows.map((r) => ({ handle: r.handle, name: r.name, since: new Date(r.since).toISOString() }));
}

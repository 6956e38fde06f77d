// Where delivery reads events from and learns that there are new ones: the transport seam. The
// database log is the one implementation (the outbox table itself, woken by the NOTIFY its commit
// trigger sends); a broker (NATS) would relay the same rows and keep this shape.
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

export interface StoredEvent {
  seq: number;
  name: string;
  data: unknown;
}

export interface EventLog {
  /** The seq of the last committed event (0 for none). */
  head(): Promise<number>;
  /** Committed events after `seq`, in seq (commit) order, at most `limit`. */
  after(seq: number, limit: number): Promise<StoredEvent[]>;
  /** Calls `wake` when events may have been committed, `missed` when wake-ups may have been lost. */
  watch(wake: () => void, missed: () => void): Promise<() => Promise<void>>;
  /** Starts a subscription shared by every server at `seq`, unless it has started already. */
  startShared(consumer: string, seq: number): Promise<void>;
  /**
   * Advances shared subscriptions to `to`, in one transaction; answers where each was (at or past
   * `to`: someone else has it). Subscriptions not started are left out.
   */
  claimShared(consumers: readonly string[], to: number): Promise<Map<string, number>>;
  /** Removes events older than `ms`; answers how many. */
  prune(ms: number): Promise<number>;
}

export const eventsChannel = 'steward_events';

export function databaseEventLog(database: Database): EventLog {
  const db = database.kysely<unknown>();
  return {
    async head() {
      const { rows } = await sql<{ seq: string }>`select seq from steward_event_head`.execute(db);
      return Number(rows[0]?.seq ?? 0);
    },
    async after(seq, limit) {
      const { rows } = await sql<{ seq: string; name: string; data: unknown }>`
        select seq, name, data from steward_event where seq > ${seq} order by seq limit ${limit}`.execute(db);
      return rows.map((r) => ({ seq: Number(r.seq), name: r.name, data: r.data }));
    },
    watch: (wake, missed) => database.listen(eventsChannel, wake, { onMissed: missed }),
    async startShared(consumer, seq) {
      await sql`insert into steward_event_consumer (name, seq) values (${consumer}, ${seq})
        on conflict (name) do nothing`.execute(db);
    },
    claimShared: (consumers, to) =>
      db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ name: string; seq: string }>`
          select name, seq from steward_event_consumer where name = any(${[...consumers]}::text[])
          order by name for update`.execute(trx);
        if (rows.some((r) => Number(r.seq) < to))
          await sql`update steward_event_consumer set seq = ${to}
            where name = any(${[...consumers]}::text[]) and seq < ${to}`.execute(trx);
        return new Map(rows.map((r) => [r.name, Number(r.seq)]));
      }),
    async prune(ms) {
      const result = await sql`delete from steward_event
        where created_at < now() - make_interval(secs => ${ms / 1000})`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },
  };
}

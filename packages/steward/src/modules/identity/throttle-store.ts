// SQL for the sign-in throttle: one row per budget, counted with the database's clock, so every
// process on the database shares the count and the window, whatever their own clocks say.
import { sql } from 'kysely';
import type { Db } from './store.ts';

export interface TakenSlot {
  /** Attempts counted in the window, this one included. */
  failures: number;
  resetsAt: Date;
}

/**
 * Counts one more attempt against a budget, in one statement: a new window when the last has passed,
 * nothing at all when the window is full. Answers undefined when it is full. Taken before the password
 * is checked, so parallel attempts cannot all read the same count and all go ahead.
 */
export async function takeSlot(
  db: Db,
  key: string,
  limit: number,
  windowMs: number,
): Promise<TakenSlot | undefined> {
  const window = sql`now() + ${sql.lit(windowMs)} * interval '1 millisecond'`;
  const result = await sql<{ failures: number; resets_at: Date }>`
    insert into sign_in_throttle as t (key, failures, resets_at) values (${key}, 1, ${window})
    on conflict (key) do update set
      failures = case when t.resets_at <= now() then 1 else t.failures + 1 end,
      resets_at = case when t.resets_at <= now() then excluded.resets_at else t.resets_at end
    where t.resets_at <= now() or t.failures < ${limit}
    returning failures, resets_at`.execute(db);
  const row = result.rows[0];
  return row ? { failures: row.failures, resetsAt: new Date(row.resets_at) } : undefined;
}

/** Gives back a slot: the attempt it was taken for does not count (it succeeded, or never ran). */
export async function giveBackSlot(db: Db, key: string): Promise<void> {
  await db
    .updateTable('sign_in_throttle')
    .set((eb) => ({ failures: sql`greatest(${eb.ref('failures')} - 1, 0)` }))
    .where('key', '=', key)
    .execute();
}

/** Seconds until a full budget's window ends (at least 1). */
export async function secondsUntilReset(db: Db, key: string): Promise<number> {
  const result = await sql<{ seconds: string | number | null }>`
    select ceil(extract(epoch from resets_at - now())) as seconds from sign_in_throttle where key = ${key}`.execute(
    db,
  );
  return Math.max(1, Number(result.rows[0]?.seconds ?? 1));
}

export async function forgetBudgets(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('sign_in_throttle').where('key', 'in', keys).execute();
}

export async function forgetBudgetsStartingWith(db: Db, prefix: string): Promise<void> {
  await sql`delete from sign_in_throttle where starts_with(key, ${prefix})`.execute(db);
}

/** Budgets whose window has passed count nothing; dropping them keeps the table as small as the attack. */
export async function deleteSpentBudgets(db: Db): Promise<void> {
  await sql`delete from sign_in_throttle where resets_at <= now()`.execute(db);
}

// The SQL of escalation: an alert's escalation record, hops and assignee written together under the
// alert's row lock, and the round-robin turns each policy has given.
import { sql } from 'kysely';
import type { AlertRow, Db } from './alert-store.ts';
import type { RoundRobinCursors } from './escalation/index.ts';
import type { EscalationRecord, Hop } from './tables.ts';

/** jsonb values go in as text: the driver would make a JavaScript array a PostgreSQL array. */
// biome-ignore lint/suspicious/noExplicitAny: a jsonb column takes JSON text whatever its read type.
const json = (value: unknown): any => (value === null ? null : sql`${JSON.stringify(value)}::jsonb`);

export interface EscalationWrite {
  escalation: EscalationRecord;
  hops: Hop[];
  /** Undefined: the assignee stays. */
  assignee?: string | undefined;
}

export async function writeEscalation(trx: Db, row: AlertRow, write: EscalationWrite): Promise<void> {
  await trx
    .updateTable('alerts')
    .set({
      escalation: json(write.escalation),
      hops: json([...row.hops, ...write.hops]),
      ...(write.assignee === undefined ? {} : { assignee: write.assignee }),
    })
    .where('id', '=', row.id)
    .execute();
}

/** Many alerts' escalation records and new hops (appended) in one statement; the rows are locked. */
export async function writeEscalations(
  trx: Db,
  writes: readonly { row: AlertRow; escalation: EscalationRecord; hops: Hop[] }[],
): Promise<void> {
  if (writes.length === 0) return;
  const values = writes.map(({ row, escalation, hops }) => ({ id: row.id, escalation, hops }));
  await sql`update alerts set escalation = w.escalation, hops = alerts.hops || w.hops
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as w(id text, escalation jsonb, hops jsonb)
    where alerts.id = w.id`.execute(trx);
}

export async function readCursors(db: Db, policy: string): Promise<RoundRobinCursors> {
  const row = await db
    .selectFrom('alert_escalation_cursors')
    .select('cursors')
    .where('policy', '=', policy.toLowerCase())
    .executeTakeFirst();
  return (row?.cursors ?? {}) as RoundRobinCursors;
}

export async function writeCursors(trx: Db, policy: string, cursors: RoundRobinCursors): Promise<void> {
  await trx
    .insertInto('alert_escalation_cursors')
    .values({ policy: policy.toLowerCase(), cursors: json(cursors) })
    .onConflict((oc) => oc.column('policy').doUpdateSet({ cursors: json(cursors), updated_at: sql`now()` }))
    .execute();
}

/** Alerts still firing that a silence or maintenance window held, to escalate now it ended. */
export async function alertsHeldBy(db: Db, suppressionId: string | null): Promise<string[]> {
  let query = db
    .selectFrom('alerts')
    .select('id')
    .where('status', '<>', 'resolved')
    .where(sql<string>`escalation->>'state'`, '=', 'suppressed');
  if (suppressionId !== null)
    query = query.where(sql<string>`escalation->'suppression'->>'id'`, '=', suppressionId);
  return (await query.execute()).map((row) => row.id);
}

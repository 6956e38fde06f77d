// Notifications' tables and every query on them.
import type { Generated, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { ContactMethodType, DeliveryKind, DeliveryState, SetRules, Urgency } from './schemas.ts';
import type { Message as DeliveryMessage } from './senders/message.ts';

export interface ContactMethodsTable {
  id: string;
  person: string;
  type: ContactMethodType;
  address: string;
  created_at: Generated<Date>;
}

export interface RulesTable {
  person: string;
  rules: SetRules;
  updated_at: Generated<Date>;
}

export interface DeliveriesTable {
  id: string;
  dedup_key: string;
  kind: DeliveryKind;
  /** The alert's id, or for a shift notice the idempotency key it was given. */
  about: string;
  person: string;
  urgency: Urgency;
  level: number;
  method_id: string;
  method_type: ContactMethodType;
  method_label: string;
  message: DeliveryMessage;
  state: DeliveryState;
  attempts: Generated<number>;
  last_error: string | null;
  job_id: string | null;
  due_at: Date;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface NotificationTables {
  notification_contact_methods: ContactMethodsTable;
  notification_rules: RulesTable;
  notification_deliveries: DeliveriesTable;
}

export type Db = Kysely<NotificationTables>;
export type ContactMethodRow = Selectable<ContactMethodsTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;

export function listMethods(db: Db, person: string): Promise<ContactMethodRow[]> {
  return db
    .selectFrom('notification_contact_methods')
    .selectAll()
    .where('person', '=', person)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findMethod(db: Db, id: string): Promise<ContactMethodRow | undefined> {
  return db.selectFrom('notification_contact_methods').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertMethod(
  db: Db,
  row: Omit<ContactMethodsTable, 'created_at'>,
): Promise<ContactMethodRow> {
  return db.insertInto('notification_contact_methods').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteMethod(db: Db, person: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('notification_contact_methods')
    .where('id', '=', id)
    .where('person', '=', person)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function findRules(db: Db, person: string): Promise<SetRules | undefined> {
  const row = await db
    .selectFrom('notification_rules')
    .select('rules')
    .where('person', '=', person)
    .executeTakeFirst();
  return row?.rules;
}

export async function saveRules(db: Db, person: string, rules: SetRules | null): Promise<void> {
  if (rules === null) {
    await db.deleteFrom('notification_rules').where('person', '=', person).execute();
    return;
  }
  const json = sql<SetRules>`${JSON.stringify(rules)}::jsonb`;
  await db
    .insertInto('notification_rules')
    .values({ person, rules: json, updated_at: sql`now()` })
    .onConflict((oc) => oc.column('person').doUpdateSet({ rules: json, updated_at: sql`now()` }))
    .execute();
}

export type NewDelivery = Omit<
  DeliveriesTable,
  'state' | 'attempts' | 'last_error' | 'job_id' | 'due_at' | 'created_at' | 'updated_at' | 'message'
> & { message: DeliveryMessage; delayMs: number };

/** Inserts the delivery unless one with its dedup key exists; answers whether it was new. */
export async function insertDelivery(db: Db, delivery: NewDelivery): Promise<boolean> {
  const { delayMs, message, ...row } = delivery;
  const inserted = await db
    .insertInto('notification_deliveries')
    .values({
      ...row,
      message: sql<DeliveryMessage>`${JSON.stringify(message)}::jsonb`,
      state: 'queued',
      due_at: sql<Date>`now() + ${delayMs}::float8 * interval '1 millisecond'`,
    })
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('notification_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Answers false when the delivery was cancelled meanwhile (then only `sent` is still recorded). */
export async function updateDelivery(
  db: Db,
  id: string,
  change: { state?: DeliveryState; attempts?: number; last_error?: string | null; job_id?: string },
): Promise<boolean> {
  let update = db
    .updateTable('notification_deliveries')
    .set({ ...change, updated_at: sql`now()` })
    .where('id', '=', id);
  if (change.state !== 'sent') update = update.where('state', '<>', 'cancelled');
  const result = await update.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function listDeliveries(db: Db, kind: DeliveryKind, about: string): Promise<DeliveryRow[]> {
  return db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('kind', '=', kind)
    .where('about', '=', about)
    .orderBy('created_at')
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}

/** Marks the alert's deliveries not yet sent (waiting or between tries) as cancelled; answers their job ids. */
export async function cancelQueued(db: Db, alertId: string): Promise<string[]> {
  const rows = await db
    .updateTable('notification_deliveries')
    .set({ state: 'cancelled', last_error: 'cancelled before it was sent', updated_at: sql`now()` })
    .where('kind', '=', 'alert')
    .where('about', '=', alertId)
    .where('state', 'in', ['queued', 'retrying'])
    .returning('job_id')
    .execute();
  return rows.flatMap((r) => (r.job_id ? [r.job_id] : []));
}

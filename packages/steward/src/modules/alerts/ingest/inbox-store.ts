// The alert inbox's SQL: one row per accepted request (migration 0025), read back in arrival order.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Route } from '../route-alert.ts';
import type { AlertTables } from '../tables.ts';
import type { IncomingAlert } from './incoming.ts';

/** An alert as accepted: read from its sender, the integration's urgency applied, and routed (triggers). */
export type InboxItem = IncomingAlert & { route: Route | null };

export interface InboxRow {
  seq: string;
  integration: { id: string; name: string };
  items: InboxItem[];
}

type Db = Kysely<AlertTables> | Transaction<AlertTables>;

/**
 * A request's items as the inbox keeps them: JSON, each route written once however many alerts share
 * it (alike alerts do: routing answers by the labels that decide). Writing a row is the one database
 * write a sender waits for, and its cost grows with its bytes. On the embedded database, which does
 * that work on this thread, deflating them first costs far less than it saves; PostgreSQL does it
 * on its own cores, so there the JSON goes as it is, marked by a first byte of 0xFF: a deflate
 * stream starts with a block header, and no header has both type bits set (the reserved type).
 */
export function encodeItems(items: readonly InboxItem[], deflate: boolean): Buffer {
  const routes = new Map<Route, number>();
  const stored: StoredItem[] = items.map((item) => {
    if (item.route === null) return { ...item, route: null };
    let at = routes.get(item.route);
    if (at === undefined) {
      at = routes.size;
      routes.set(item.route, at);
    }
    return { ...item, route: at };
  });
  const json = JSON.stringify({ routes: [...routes.keys()], items: stored } satisfies StoredRow);
  if (deflate) return deflateRawSync(json, { level: 1 });
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(json));
  bytes[0] = plainJson;
  bytes.write(json, 1);
  return bytes;
}

/** Marks a row of plain JSON; see encodeItems. */
const plainJson = 0xff;

/** Rows written before routes were shared hold the items alone, each with its route, deflated. */
export function decodeItems(bytes: Uint8Array): InboxItem[] {
  const text =
    bytes[0] === plainJson
      ? Buffer.from(bytes.buffer, bytes.byteOffset + 1, bytes.byteLength - 1).toString('utf8')
      : inflateRawSync(bytes).toString('utf8');
  const row = JSON.parse(text) as StoredRow | InboxItem[];
  if (Array.isArray(row)) return row;
  return row.items.map((item) => ({
    ...item,
    route: item.route === null ? null : (row.routes[item.route] as Route),
  }));
}

type StoredItem = Omit<InboxItem, 'route'> & { route: number | null };

interface StoredRow {
  routes: Route[];
  items: StoredItem[];
}

/**
 * False, writing nothing, when the integration was deleted meanwhile (its key revoked). `deflate`:
 * whether the items are deflated (the embedded database), see encodeItems.
 */
export async function insertInboxRow(
  db: Db,
  integration: { id: string },
  items: readonly InboxItem[],
  deflate: boolean,
): Promise<boolean> {
  const { rows } = await sql`
    insert into alert_inbox (integration_id, integration_name, items)
    select id, name, ${encodeItems(items, deflate)} from alert_integrations
     where id = ${integration.id} and deleted_at is null
    returning seq`.execute(db);
  return rows.length === 1;
}

/**
 * The oldest rows still to apply, in arrival order, as many as fit `alerts` (at least one). Only
 * committed rows are seen: a request still writing is applied by a later pass.
 */
export async function readInbox(trx: Db, rows: number, upTo?: string): Promise<InboxRow[]> {
  let select = trx
    .selectFrom('alert_inbox')
    .select(['seq', 'integration_id', 'integration_name', 'items'])
    .where('failed_at', 'is', null)
    .orderBy('seq')
    .limit(rows);
  if (upTo !== undefined) select = select.where('seq', '<=', upTo);
  return (await select.execute()).map((row) => ({
    seq: String(row.seq),
    integration: { id: row.integration_id, name: row.integration_name },
    items: decodeItems(row.items).map((item) => ({
      ...item,
      startsAt: item.startsAt === null ? null : new Date(item.startsAt),
    })),
  }));
}

export async function deleteInboxRows(trx: Db, seqs: readonly string[]): Promise<void> {
  if (seqs.length > 0) await trx.deleteFrom('alert_inbox').where('seq', 'in', seqs).execute();
}

/** A row that cannot be applied is kept, set aside with the reason, rather than retried for ever. */
export async function setAside(db: Db, seq: string, error: string): Promise<void> {
  await db
    .updateTable('alert_inbox')
    .set({ failed_at: sql`now()`, error: error.slice(0, 4000) })
    .where('seq', '=', seq)
    .execute();
}

/** The newest row waiting now (null: none), so a reader can wait for what arrived before it. */
export async function newestWaiting(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('alert_inbox')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return row?.seq == null ? null : String(row.seq);
}

/** Takes the inbox for this transaction, or answers false at once when another server has it. */
export async function takeInbox(trx: Db): Promise<boolean> {
  const { rows } = await sql<{ taken: boolean }>`
    select pg_try_advisory_xact_lock(${inboxLock}) as taken`.execute(trx);
  return rows[0]?.taken === true;
}

/** One number for the inbox's advisory lock, shared by every server. */
const inboxLock = 7_420_025;

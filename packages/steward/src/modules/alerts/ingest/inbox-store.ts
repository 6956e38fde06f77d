// The alert inbox's SQL: one row per accepted request (migration 0025), read back in arrival order.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Route } from '../route-alert.ts';
import type { AlertTables, Urgency } from '../tables.ts';
import type { IncomingAlert } from './incoming.ts';
import { readAccepted, type SenderFormat } from './senders.ts';

/** An alert as accepted: read from its sender, the integration's urgency applied, and routed (triggers). */
export type InboxItem = IncomingAlert & { route: Route | null };

export interface InboxRow {
  seq: string;
  integration: { id: string; name: string };
  items: InboxItem[];
}

type Db = Kysely<AlertTables> | Transaction<AlertTables>;

/**
 * A sender's request as accepted: its body as received (not parsed again into anything to write:
 * applying reads it as the endpoint did), when, and where its alerts were routed.
 */
export interface AcceptedRequest {
  /** The endpoint it came to, which says how its body reads. */
  sender: SenderFormat;
  receivedAt: string;
  body: string;
  /** The integration's urgency, which wins over each alert's own; null: each alert keeps its own. */
  urgency: Urgency | null;
  /** Each distinct route once (alike alerts share one: routing answers by the labels that decide)... */
  routes: Route[];
  /** ...and each alert's, by its place in `routes`; null for an alert that opens nothing. */
  routeOf: (number | null)[];
  /** The dedup_key given to a PagerDuty event that came without one, as its sender was told. */
  dedupKey?: string;
}

/**
 * An inbox row's bytes: the accepted request's JSON, a newline, and the body as received. Writing a
 * row is the one database write a sender waits for, and its cost grows with its bytes. On the
 * embedded database, which does that work on this thread, deflating them first costs far less than
 * it saves; PostgreSQL does it on its own cores, so there the text goes as it is, marked by a first
 * byte of 0xFF: a deflate stream starts with a block header, and no header has both type bits set
 * (the reserved type).
 */
export function encodeRequest(request: AcceptedRequest, deflate: boolean): Buffer {
  const { body, ...rest } = request;
  const text = `${JSON.stringify(rest)}\n${body}`;
  if (deflate) return deflateRawSync(text, { level: 1 });
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  bytes[0] = plainText;
  bytes.write(text, 1);
  return bytes;
}

/** Marks a row that is not deflated; see encodeRequest. */
const plainText = 0xff;

/**
 * A row as written: an accepted request, or (rows written before requests were kept as received,
 * which an upgrade may find waiting) the items alone, a JSON array.
 */
export function decodeRow(bytes: Uint8Array): AcceptedRequest | InboxItem[] {
  const text =
    bytes[0] === plainText
      ? Buffer.from(bytes.buffer, bytes.byteOffset + 1, bytes.byteLength - 1).toString('utf8')
      : inflateRawSync(bytes).toString('utf8');
  if (text.startsWith('[')) return JSON.parse(text) as InboxItem[];
  const newline = text.indexOf('\n');
  return {
    ...(JSON.parse(text.slice(0, newline)) as Omit<AcceptedRequest, 'body'>),
    body: text.slice(newline + 1),
  };
}

/** The row's alerts, read from the body as the endpoint read them, with their urgency and routes. */
export function decodeItems(bytes: Uint8Array): InboxItem[] {
  const row = decodeRow(bytes);
  if (Array.isArray(row)) return row;
  const incoming = readAccepted(row.sender, JSON.parse(row.body), new Date(row.receivedAt), row.dedupKey);
  return incoming.map((alert, i) => {
    const at = row.routeOf[i];
    return {
      ...alert,
      urgency: row.urgency ?? alert.urgency,
      route: at === null || at === undefined ? null : (row.routes[at] as Route),
    };
  });
}

/** A row to write: the accepted request, deflated or not (see encodeRequest). */
export interface InboxWrite {
  integrationId: string;
  bytes: Buffer;
}

/**
 * Several accepted requests in one statement (one commit), in the order given: arrival order. Answers
 * the integrations that are live: a request of one deleted meanwhile (its key revoked) was not
 * written.
 */
export async function insertInboxRows(db: Db, writes: readonly InboxWrite[]): Promise<Set<string>> {
  if (writes.length === 1) {
    // A lone request (one sender, or a quiet moment): the plainest statement, planned fastest.
    const [{ integrationId, bytes }] = writes as [InboxWrite];
    const { rows } = await sql`
      insert into alert_inbox (integration_id, integration_name, items)
      select id, name, ${bytes} from alert_integrations where id = ${integrationId} and deleted_at is null
      returning seq`.execute(db);
    return new Set(rows.length === 1 ? [integrationId] : []);
  }
  const ids = [...new Set(writes.map((w) => w.integrationId))];
  const given = writes.map((w, n) => sql`(${w.integrationId}, ${w.bytes}::bytea, ${n}::int)`);
  const { rows } = await sql<{ id: string }>`
    with live as (
      select id, name from alert_integrations where id in (${sql.join(ids)}) and deleted_at is null
    ), given (integration_id, items, n) as (
      values ${sql.join(given)}
    ), written as (
      insert into alert_inbox (integration_id, integration_name, items)
      select live.id, live.name, given.items from given join live on live.id = given.integration_id
       order by given.n
      returning seq
    )
    select id from live`.execute(db);
  return new Set(rows.map((row) => row.id));
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

// The audit log: every change, who made it, and the state before and after. Entries are written
// in the same transaction as the change they describe, so a change and its record commit together.
import { type Generated, type Kysely, sql } from 'kysely';
import { invalid } from '../errors.ts';

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}

export interface AuditEntryInput {
  /** A user's handle, or `system:<what>` for changes Steward makes itself. */
  actor: string;
  /** `<subject type>.<verb>`, e.g. `team.update`, `token.revoke`. */
  action: string;
  subjectType: string;
  subjectId: string;
  before?: object | null;
  after?: object | null;
}

export interface AuditEntryRecord {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  limit: number;
  /** Id of the oldest entry already seen: answers only older ones. */
  before?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  /** ISO 8601 times: entries at or after `since`, and before `until`. */
  since?: string | undefined;
  until?: string | undefined;
  /**
   * Only the entries this handle made or that are about them (as a user); absent, all of them. What
   * the organisation did, who signed in from where, is for admins; each person sees their own.
   */
  onlyOf?: string | undefined;
}

/** A Kysely instance or transaction over any module's tables (they all include the audit log's). */
export type AnyKysely = Pick<Kysely<unknown>, 'executeQuery'>;

/** Keys whose values are credentials: a snapshot that carries one by mistake still never stores it. */
const secretKeys = /^(password|password_?hash|secret|token_?hash|csrf_?token|session_?id|id_?hash)$/i;

/** Appends one entry; pass the transaction that makes the change. */
export function recordAudit(trx: AnyKysely, entry: AuditEntryInput): Promise<void> {
  return recordAudits(trx, [entry]);
}

/** Appends many entries, in order, a few hundred per statement: for bulk changes (an organisation sync). */
export async function recordAudits(trx: AnyKysely, entries: AuditEntryInput[]): Promise<void> {
  const db = trx as unknown as Kysely<AuditTables>;
  for (let at = 0; at < entries.length; at += auditBatch) {
    await db
      .insertInto('audit_log')
      .values(entries.slice(at, at + auditBatch).map(auditRow))
      .execute();
  }
}

function auditRow(entry: AuditEntryInput) {
  return {
    actor: entry.actor,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    before: asJsonb(entry.before),
    after: asJsonb(entry.after),
  };
}

/** Six parameters an entry: well under PostgreSQL's 65,535 a statement. */
const auditBatch = 1000;

/** Newest first, paged backwards with `before`. */
export async function listAuditEntries(kysely: AnyKysely, query: AuditQuery): Promise<AuditEntryRecord[]> {
  const db = kysely as unknown as Kysely<AuditTables>;
  checkAuditQuery(query);
  let select = db
    .selectFrom('audit_log')
    .select([
      sql<string>`cast(id as text)`.as('id'),
      'at',
      'actor',
      'action',
      'subject_type',
      'subject_id',
      'before',
      'after',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit);
  if (query.before !== undefined) select = select.where('audit_log.id', '<', query.before);
  if (query.actor !== undefined) select = select.where('actor', '=', query.actor);
  if (query.action !== undefined) select = select.where('action', '=', query.action);
  if (query.subjectType !== undefined) select = select.where('subject_type', '=', query.subjectType);
  if (query.subjectId !== undefined) select = select.where('subject_id', '=', query.subjectId);
  if (query.since !== undefined) select = select.where('at', '>=', new Date(query.since));
  if (query.until !== undefined) select = select.where('at', '<', new Date(query.until));
  const own = query.onlyOf;
  if (own !== undefined) {
    select = select.where((eb) =>
      eb.or([eb('actor', '=', own), eb.and([eb('subject_type', '=', 'user'), eb('subject_id', '=', own)])]),
    );
  }
  const rows = await select.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    before: row.before ?? null,
    after: row.after ?? null,
  }));
}

function checkAuditQuery(query: AuditQuery): void {
  if (query.before !== undefined && !/^\d{1,18}$/.test(query.before)) {
    throw invalid(
      `querystring.before must be the id of an audit entry (digits), got ${JSON.stringify(query.before)}`,
      [{ field: 'querystring.before', message: 'must be the id of an audit entry, e.g. "1234"' }],
    );
  }
  for (const field of ['since', 'until'] as const) {
    const value = query[field];
    if (value !== undefined && Number.isNaN(Date.parse(value))) {
      throw invalid(`querystring.${field} must be a time in ISO 8601, got ${JSON.stringify(value)}`, [
        { field: `querystring.${field}`, message: 'must be a time in ISO 8601, e.g. "2026-01-31T09:00:00Z"' },
      ]);
    }
  }
  if (
    query.since !== undefined &&
    query.until !== undefined &&
    Date.parse(query.since) >= Date.parse(query.until)
  ) {
    throw invalid(
      `querystring.since (${query.since}) must be before querystring.until (${query.until}): no entry can be in that range`,
      [{ field: 'querystring.until', message: 'must be later than since' }],
    );
  }
}

// Sent as text and cast, so both drivers store the same JSON (pg would turn a JS array into a
// PostgreSQL array otherwise).
function asJsonb(value: object | null | undefined) {
  if (value === null || value === undefined) return null;
  return sql<unknown>`cast(${JSON.stringify(withoutSecrets(value))} as jsonb)`;
}

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      secretKeys.test(key) ? '[redacted]' : withoutSecrets(inner),
    ]),
  );
}

// The SQL of silences. A silence is active at `t` when starts_at <= t < ends_at (ends_at null: until
// its alert resolves); expiring one sets ends_at, as Alertmanager does, so its history stays.
import { sql } from 'kysely';
import { emitEnded } from './end-job.ts';
import type { Matcher } from './matchers.ts';
import type { AlertSilencesTable, SuppressionDb } from './tables.ts';

export type SilenceRow = Omit<AlertSilencesTable, 'created_at'> & { created_at: Date };
export type TimeState = 'active' | 'pending' | 'expired';

export interface NewSilence {
  id: string;
  matchers: Matcher[];
  startsAt: Date;
  endsAt: Date | null;
  untilResolved: boolean;
  untilResolvedAlert: string | null;
  comment: string;
  createdBy: string;
}

export async function insertSilence(db: SuppressionDb, silence: NewSilence): Promise<SilenceRow> {
  return db
    .insertInto('alert_silences')
    .values({
      id: silence.id,
      // As JSON text: node-postgres would send a JavaScript array as a PostgreSQL array.
      matchers: sql`${JSON.stringify(silence.matchers)}::jsonb`,
      starts_at: silence.startsAt,
      ends_at: silence.endsAt,
      until_resolved: silence.untilResolved,
      until_resolved_alert: silence.untilResolvedAlert,
      comment: silence.comment,
      created_by: silence.createdBy,
      expired_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function getSilence(db: SuppressionDb, id: string): Promise<SilenceRow | undefined> {
  return db.selectFrom('alert_silences').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Silences in a state at `now`, newest first (a list of expired ones is bounded by `limit`). */
export function listSilences(
  db: SuppressionDb,
  state: TimeState | undefined,
  now: Date,
  limit = 500,
): Promise<SilenceRow[]> {
  let query = db.selectFrom('alert_silences').selectAll();
  if (state === 'active') {
    query = query
      .where('starts_at', '<=', now)
      .where((eb) => eb.or([eb('ends_at', '>', now), eb('ends_at', 'is', null)]));
  } else if (state === 'pending') {
    query = query
      .where('starts_at', '>', now)
      .where((eb) => eb.or([eb('ends_at', '>', now), eb('ends_at', 'is', null)]));
  } else if (state === 'expired') {
    query = query.where('ends_at', '<=', now);
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Ends a silence now (a pending one never starts); null when it was already over. */
export function expireSilence(
  db: SuppressionDb,
  id: string,
  now: Date,
  by: string,
): Promise<SilenceRow | undefined> {
  return db
    .updateTable('alert_silences')
    .set((eb) => ({
      ends_at: now,
      starts_at: eb.fn('least', [eb.ref('starts_at'), eb.val(now)]),
      expired_by: by,
    }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('ends_at', '>', now), eb('ends_at', 'is', null)]))
    .returningAll()
    .executeTakeFirst();
}

/** Binds an `untilResolved: true` silence to the first alert it silences; idempotent. */
export async function bindSilenceToAlert(db: SuppressionDb, id: string, alertId: string): Promise<void> {
  await db
    .updateTable('alert_silences')
    .set({ until_resolved_alert: alertId })
    .where('id', '=', id)
    .where('until_resolved', '=', true)
    .where('until_resolved_alert', 'is', null)
    .execute();
}

/** Ends the silences that last until this alert resolves, announcing each; answers their ids. */
export async function expireForResolvedAlert(
  db: SuppressionDb,
  alertId: string,
  at: Date,
): Promise<string[]> {
  if (!db.isTransaction) return db.transaction().execute((trx) => expireForResolvedAlert(trx, alertId, at));
  const rows = await db
    .updateTable('alert_silences')
    .set((eb) => ({
      ends_at: at,
      starts_at: eb.fn('least', [eb.ref('starts_at'), eb.val(at)]),
      expired_by: `system:alert-resolved:${alertId}`,
    }))
    .where('until_resolved_alert', '=', alertId)
    .where((eb) => eb.or([eb('ends_at', '>', at), eb('ends_at', 'is', null)]))
    .returning('id')
    .execute();
  for (const { id } of rows) await emitEnded(db, 'silence', id, at);
  return rows.map((r) => r.id);
}

export function timeState(startsAt: Date, endsAt: Date | null, now: Date): TimeState {
  if (endsAt !== null && endsAt.getTime() <= now.getTime()) return 'expired';
  return startsAt.getTime() > now.getTime() ? 'pending' : 'active';
}

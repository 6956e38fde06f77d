// Silences: created by any member (Alertmanager lets anyone silence), listed by anyone, expired by
// any member; each change is audited in its own transaction.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/audit-log.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import type { SuppressionContext } from './context.ts';
import { iso, startOf } from './context.ts';
import { emitEnded, scheduleEnd } from './end-job.ts';
import { assertSilencesSomething, compileMatchers, type Matcher, matcherText } from './matchers.ts';
import type { CreateSilence, SilenceView } from './schemas.ts';
import {
  expireSilence as expireRow,
  getSilence,
  insertSilence,
  listSilences as listRows,
  type SilenceRow,
  type TimeState,
  timeState,
} from './silence-store.ts';

export async function createSilence(
  ctx: SuppressionContext,
  caller: Principal,
  body: CreateSilence,
): Promise<SilenceView> {
  const now = ctx.now();
  const compiled = compileMatchers(body.matchers, 'body.matchers');
  assertSilencesSomething(compiled, 'body.matchers');
  const startsAt = startOf(body.startsAt, now);
  const endsAt = body.endsAt === undefined ? null : new Date(body.endsAt);
  if (endsAt === null && body.untilResolved === undefined) {
    throw invalid(
      'body.endsAt: give endsAt, or untilResolved (an alert id, or true) for a silence that ends when its alert resolves',
      [{ field: 'body.endsAt', message: 'required unless untilResolved is given' }],
    );
  }
  if (endsAt !== null && endsAt.getTime() <= startsAt.getTime()) {
    throw invalid(`body.endsAt: ${iso(endsAt)} must be after startsAt ${iso(startsAt)}`, [
      { field: 'body.endsAt', message: 'must be after startsAt' },
    ]);
  }
  if (endsAt !== null && endsAt.getTime() <= now.getTime()) {
    throw invalid(`body.endsAt: ${iso(endsAt)} is in the past; a silence must end after now (${iso(now)})`, [
      { field: 'body.endsAt', message: 'must be in the future' },
    ]);
  }
  const alertId = typeof body.untilResolved === 'string' ? body.untilResolved : null;
  if (alertId !== null && ctx.alertStatus) {
    const status = await ctx.alertStatus(alertId);
    if (status === null) throw notFound(`body.untilResolved: there is no alert ${alertId}`);
    if (status === 'resolved') throw conflict(`body.untilResolved: alert ${alertId} has already resolved`);
  }
  const matchers: Matcher[] = compiled.map(({ name, value, isRegex, isEqual }) => ({
    name,
    value,
    isRegex,
    isEqual,
  }));
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertSilence(trx, {
      id: randomUUID(),
      matchers,
      startsAt,
      endsAt,
      untilResolved: body.untilResolved !== undefined,
      untilResolvedAlert: alertId,
      comment: body.comment,
      createdBy: caller.handle,
    });
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'silence.create',
      subjectType: 'silence',
      subjectId: inserted.id,
      after: auditSnapshot(inserted),
    });
    if (inserted.ends_at) {
      const end = { kind: 'silence' as const, id: inserted.id, endsAt: iso(inserted.ends_at) };
      await scheduleEnd(ctx.jobs, ctx.endJob, trx, end);
    }
    return inserted;
  });
  return silenceView(row, now);
}

export async function listSilences(ctx: SuppressionContext, state?: TimeState): Promise<SilenceView[]> {
  const now = ctx.now();
  return (await listRows(ctx.db, state, now)).map((row) => silenceView(row, now));
}

export async function showSilence(ctx: SuppressionContext, id: string): Promise<SilenceView> {
  const row = await getSilence(ctx.db, id);
  if (!row) throw notFound(`there is no silence ${id}; see GET /api/v1/silences`);
  return silenceView(row, ctx.now());
}

/** Ends a silence now; one already over answers 409 saying when it ended. */
export async function expireSilence(
  ctx: SuppressionContext,
  caller: Principal,
  id: string,
): Promise<SilenceView> {
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await getSilence(trx, id);
    if (!before) throw notFound(`there is no silence ${id}; see GET /api/v1/silences`);
    const after = await expireRow(trx, id, now, caller.handle);
    if (!after)
      throw conflict(
        `silence ${id} already ended at ${before.ends_at ? iso(before.ends_at) : 'an unknown time'}`,
      );
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'silence.expire',
      subjectType: 'silence',
      subjectId: id,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    await emitEnded(trx, 'silence', id, now);
    return after;
  });
  return silenceView(row, now);
}

export function silenceView(row: SilenceRow, now: Date): SilenceView {
  return {
    id: row.id,
    matchers: row.matchers,
    text: row.matchers.map(matcherText).join(', '),
    startsAt: iso(row.starts_at),
    endsAt: row.ends_at ? iso(row.ends_at) : null,
    untilResolved: row.until_resolved ? { alertId: row.until_resolved_alert } : null,
    comment: row.comment,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    expiredBy: row.expired_by,
    state: timeState(row.starts_at, row.ends_at, now),
  };
}

function auditSnapshot(row: SilenceRow) {
  return {
    matchers: row.matchers.map(matcherText),
    startsAt: iso(row.starts_at),
    endsAt: row.ends_at ? iso(row.ends_at) : null,
    untilResolvedAlert: row.until_resolved_alert,
    comment: row.comment,
  };
}

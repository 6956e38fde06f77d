// Silences and maintenance windows on both engines: when each is active (startsAt inclusive, endsAt
// exclusive), expiring, ending with an alert, maintenance by service and by its owners, and audit.

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../../platform/jobs/index.ts';
import { moduleMigrationFolders } from '../../../server/modules.ts';
import { describeEachEngine } from '../../../server/test-engines.ts';
import type { AlertStatusOf, SuppressionContext } from './context.ts';
import {
  createSuppression,
  type SuppressionService,
  type SuppressionTables,
  silencesEndedBy,
  suppressionFor,
} from './index.ts';
import { createMaintenance, endMaintenance, listMaintenance } from './maintenance-service.ts';
import { createSilence, expireSilence, listSilences } from './silences-service.ts';
import { person, shopCatalog, withSuppressionTables } from './suppression.test-support.ts';

const t0 = Date.parse('2026-03-01T10:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();
const mia = person('mia', 'member', ['payments']);
const otto = person('otto', 'member', ['search']);
const admin = person('admin', 'admin');

describeEachEngine('suppression', ({ db }) => {
  let clock = at(0);
  let ctx: SuppressionContext;
  let face: SuppressionService;
  let alerts: Record<string, 'firing' | 'resolved'> = {};
  const alertStatus: AlertStatusOf = async (id) => alerts[id] ?? null;

  beforeAll(async () => {
    const database = await withSuppressionTables(db(), moduleMigrationFolders);
    const catalog = await shopCatalog();
    const jobs = new JobQueue(database);
    face = createSuppression({ database, catalog, now: () => clock, alertStatus, jobs });
    const [endJob] = face.jobs;
    if (!endJob) throw new Error('the suppression has no end job');
    ctx = { db: database.kysely<SuppressionTables>(), catalog, now: () => clock, alertStatus, jobs, endJob };
  });
  const suppressed = (labels: Record<string, string>, minutes: number, service: string | null = null) =>
    face.suppressionFor({ labels, service, at: at(minutes) });

  it('silences from startsAt (inclusive) until endsAt (exclusive), and lists it by state', async () => {
    clock = at(0);
    const silence = await createSilence(ctx, mia, {
      matchers: ['case="edges"', { name: 'severity', value: 'crit|page', isRegex: true, isEqual: true }],
      startsAt: iso(60),
      endsAt: iso(120),
      comment: 'deploy',
    });
    expect(silence).toMatchObject({
      state: 'pending',
      createdBy: 'mia',
      endsAt: iso(120),
      untilResolved: null,
    });
    expect(silence.text).toBe('case="edges", severity=~"crit|page"');
    const labels = { case: 'edges', severity: 'page' };
    expect(await suppressed(labels, 60 - 1 / 60_000)).toBeNull();
    expect(await suppressed(labels, 60)).toMatchObject({ kind: 'silence', id: silence.id, endsAt: iso(120) });
    expect((await suppressed(labels, 60))?.reason).toContain('deploy');
    expect(await suppressed(labels, 120 - 1 / 60_000)).toMatchObject({ id: silence.id });
    expect(await suppressed(labels, 120)).toBeNull();
    expect(await suppressed({ case: 'edges', severity: 'info' }, 90)).toBeNull();

    const ids = async (state: 'active' | 'pending' | 'expired') =>
      (await listSilences(ctx, state)).map((s) => s.id);
    expect(await ids('pending')).toContain(silence.id);
    clock = at(60);
    expect(await ids('active')).toContain(silence.id);
    expect(await ids('pending')).not.toContain(silence.id);
    clock = at(120);
    expect(await ids('expired')).toContain(silence.id);
    expect(await ids('active')).not.toContain(silence.id);
  });

  it('refuses a match-all silence, an end before the start or in the past, and no end at all', async () => {
    clock = at(0);
    const base = { comment: 'x', endsAt: iso(10) };
    await expect(createSilence(ctx, mia, { ...base, matchers: ['team=~".*"'] })).rejects.toMatchObject({
      kind: 'invalid',
      problems: [{ field: 'body.matchers' }],
    });
    await expect(createSilence(ctx, mia, { ...base, matchers: ['x=~"("'] })).rejects.toMatchObject({
      kind: 'invalid',
      problems: [{ field: 'body.matchers.0' }],
    });
    const field = { kind: 'invalid', problems: [{ field: 'body.endsAt' }] };
    // A start in the past becomes now, as in Alertmanager.
    const late = await createSilence(ctx, mia, { ...base, matchers: ['case="late"'], startsAt: iso(-30) });
    expect(late).toMatchObject({ startsAt: iso(0), state: 'active' });
    await expect(
      createSilence(ctx, mia, { ...base, matchers: ['a="b"'], startsAt: iso(20) }),
    ).rejects.toMatchObject(field);
    await expect(
      createSilence(ctx, mia, { ...base, matchers: ['a="b"'], startsAt: iso(-20), endsAt: iso(-1) }),
    ).rejects.toMatchObject(field);
    await expect(createSilence(ctx, mia, { comment: 'x', matchers: ['a="b"'] })).rejects.toMatchObject(field);
  });

  it('expires a silence now, once, and audits who did', async () => {
    clock = at(0);
    const active = await createSilence(ctx, mia, {
      matchers: ['case="expire"'],
      endsAt: iso(60),
      comment: 'c',
    });
    const pending = await createSilence(ctx, mia, {
      matchers: ['case="expire-pending"'],
      startsAt: iso(30),
      endsAt: iso(60),
      comment: 'c',
    });
    clock = at(10);
    expect(await expireSilence(ctx, otto, active.id)).toMatchObject({
      state: 'expired',
      endsAt: iso(10),
      expiredBy: 'otto',
    });
    expect(await suppressed({ case: 'expire' }, 10)).toBeNull();
    expect(await suppressed({ case: 'expire' }, 9)).toMatchObject({ id: active.id });
    await expect(expireSilence(ctx, otto, active.id)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(expireSilence(ctx, otto, 'no-such-id')).rejects.toMatchObject({ kind: 'not_found' });
    // A pending silence expired never starts.
    expect(await expireSilence(ctx, mia, pending.id)).toMatchObject({ state: 'expired', startsAt: iso(10) });
    expect(await suppressed({ case: 'expire-pending' }, 40)).toBeNull();

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('subject_id', '=', active.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'silence.create', actor: 'mia' },
      { action: 'silence.expire', actor: 'otto' },
    ]);
  });

  it('lasts until the named alert resolves, when it does', async () => {
    clock = at(0);
    alerts = { 'alert-1': 'firing', 'alert-old': 'resolved' };
    const silence = await createSilence(ctx, mia, {
      matchers: ['case="resolve"'],
      untilResolved: 'alert-1',
      comment: 'c',
    });
    expect(silence).toMatchObject({ endsAt: null, untilResolved: { alertId: 'alert-1' }, state: 'active' });
    expect(await suppressed({ case: 'resolve' }, 60 * 24 * 30)).toMatchObject({
      id: silence.id,
      endsAt: null,
    });
    expect(await face.alertResolved('alert-1', at(90))).toEqual([silence.id]);
    expect(await face.alertResolved('alert-1', at(95))).toEqual([]);
    expect(await suppressed({ case: 'resolve' }, 89)).toMatchObject({ id: silence.id });
    expect(await suppressed({ case: 'resolve' }, 90)).toBeNull();
    const again = { matchers: ['case="resolve"'], comment: 'c' };
    await expect(createSilence(ctx, mia, { ...again, untilResolved: 'alert-x' })).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(createSilence(ctx, mia, { ...again, untilResolved: 'alert-old' })).rejects.toMatchObject({
      kind: 'conflict',
    });
  });

  it('with untilResolved true, binds to the first alert it silences and ends when that one resolves', async () => {
    clock = at(0);
    const silence = await createSilence(ctx, mia, {
      matchers: ['case="first"'],
      untilResolved: true,
      comment: 'c',
    });
    expect(silence.untilResolved).toEqual({ alertId: null });
    expect(
      await face.suppressionFor({ labels: { case: 'first' }, service: null, at: at(5), alertId: 'a-7' }),
    ).toMatchObject({ id: silence.id });
    expect(
      await face.suppressionFor({ labels: { case: 'first' }, service: null, at: at(6), alertId: 'a-8' }),
    ).toMatchObject({ id: silence.id });
    expect((await listSilences(ctx, 'active')).find((s) => s.id === silence.id)?.untilResolved).toEqual({
      alertId: 'a-7',
    });
    expect(await face.alertResolved('a-8', at(7))).toEqual([]);
    expect(await face.alertResolved('a-7', at(8))).toEqual([silence.id]);
    expect(await suppressed({ case: 'first' }, 8)).toBeNull();
  });

  it("quiets a service's alerts in its maintenance window, opened and ended by its owners and admins", async () => {
    clock = at(0);
    const window = await createMaintenance(ctx, mia, {
      service: 'checkout',
      startsAt: iso(10),
      endsAt: iso(70),
      reason: 'db upgrade',
    });
    expect(window).toMatchObject({
      service: 'component:default/checkout',
      state: 'pending',
      createdBy: 'mia',
    });
    const checkout = 'component:default/checkout';
    expect(await suppressed({}, 9, checkout)).toBeNull();
    expect(await suppressed({ any: 'thing' }, 10, 'Component:default/Checkout')).toMatchObject({
      kind: 'maintenance',
      id: window.id,
      reason: 'maintenance of component:default/checkout: db upgrade',
      endsAt: iso(70),
    });
    expect(await suppressed({}, 30, 'component:default/search-api')).toBeNull();
    expect(await suppressed({}, 30, null)).toBeNull();
    expect(await suppressed({}, 70, checkout)).toBeNull();

    const ledger = await createMaintenance(ctx, admin, { service: 'ledger', endsAt: iso(30), reason: 'r' });
    expect(ledger.service).toBe('service:default/ledger');
    await expect(
      createMaintenance(ctx, otto, { service: 'checkout', endsAt: iso(30), reason: 'r' }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      createMaintenance(ctx, mia, { service: 'nope', endsAt: iso(30), reason: 'r' }),
    ).rejects.toMatchObject({
      kind: 'not_found',
      problems: [{ field: 'body.service' }],
    });
    await expect(
      createMaintenance(ctx, mia, { service: 'checkout', startsAt: iso(40), endsAt: iso(30), reason: 'r' }),
    ).rejects.toMatchObject({ kind: 'invalid' });

    clock = at(20);
    expect((await listMaintenance(ctx, { service: 'checkout', state: 'active' })).map((w) => w.id)).toEqual([
      window.id,
    ]);
    await expect(endMaintenance(ctx, otto, window.id)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await endMaintenance(ctx, mia, window.id)).toMatchObject({
      state: 'expired',
      endsAt: iso(20),
      endedBy: 'mia',
    });
    expect(await suppressed({}, 20, checkout)).toBeNull();
    await expect(endMaintenance(ctx, mia, window.id)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it("reads and writes in the alerts module's own transaction", async () => {
    clock = at(0);
    alerts = { 'alert-trx': 'firing' };
    const silence = await createSilence(ctx, mia, {
      matchers: ['case="trx"'],
      untilResolved: 'alert-trx',
      comment: 'c',
    });
    const database = db();
    expect(
      await suppressionFor(database, { labels: { case: 'trx' }, service: null, at: at(1) }),
    ).toMatchObject({ id: silence.id });
    // A resolution whose transaction rolls back leaves the silence on.
    const rollback = new Error('the alert change failed');
    await expect(
      database
        .kysely<{ alerts: { id: string } }>()
        .transaction()
        .execute(async (trx) => {
          expect(await silencesEndedBy(trx, 'alert-trx', at(2))).toEqual([silence.id]);
          throw rollback;
        }),
    ).rejects.toBe(rollback);
    expect(await suppressed({ case: 'trx' }, 3)).toMatchObject({ id: silence.id });
    expect(await silencesEndedBy(database, 'alert-trx', at(4))).toEqual([silence.id]);
    expect(await suppressed({ case: 'trx' }, 4)).toBeNull();
  });

  it('announces each end: at endsAt through a job, at once when ended early or by its alert', async () => {
    clock = at(0);
    const silence = await createSilence(ctx, mia, {
      matchers: ['case="ends"'],
      endsAt: iso(30),
      comment: 'c',
    });
    const window = await createMaintenance(ctx, admin, {
      service: 'search-api',
      endsAt: iso(40),
      reason: 'r',
    });
    const { rows: jobs } = await sql<{
      payload: { kind: string; id: string; endsAt: string };
      run_at: Date;
      dedup_key: string;
    }>`
      select payload, run_at, dedup_key from steward_job where name = 'alerts.suppression-end'
        and payload->>'id' in (${silence.id}, ${window.id}) order by run_at`.execute(ctx.db);
    expect(jobs.map((j) => [j.payload.kind, j.run_at.toISOString(), j.dedup_key])).toEqual([
      ['silence', iso(30), `silence:${silence.id}`],
      ['maintenance', iso(40), `maintenance:${window.id}`],
    ]);
    const ended = async (id: string) =>
      (
        await sql<{ data: { kind: string; at: string } }>`
          select data from steward_event where name = 'alerts.suppression-ended' and data->>'id' = ${id}`.execute(
          ctx.db,
        )
      ).rows.map((r) => [r.data.kind, r.data.at]);
    const run = (payload: { kind: 'silence' | 'maintenance'; id: string; endsAt: string }) =>
      ctx.endJob.handler(payload, {} as never);

    // The silence runs to its end: its job announces it then.
    expect(await ended(silence.id)).toEqual([]);
    expect(await run(jobs[0]?.payload as never)).toEqual({ emitted: true });
    expect(await ended(silence.id)).toEqual([['silence', iso(30)]]);
    // The window is ended early: announced then, and its job, running later, stays quiet.
    clock = at(10);
    await endMaintenance(ctx, admin, window.id);
    expect(await ended(window.id)).toEqual([['maintenance', iso(10)]]);
    expect(await run(jobs[1]?.payload as never)).toEqual({ emitted: false });
    expect(await ended(window.id)).toHaveLength(1);
    // A silence ended by its alert resolving is announced in that transaction.
    alerts = { 'alert-ends': 'firing' };
    const waiting = await createSilence(ctx, mia, {
      matchers: ['case="ends"'],
      untilResolved: 'alert-ends',
      comment: 'c',
    });
    await face.alertResolved('alert-ends', at(12));
    expect(await ended(waiting.id)).toEqual([['silence', iso(12)]]);
  });

  it('answers a silence before a maintenance window when both apply', async () => {
    clock = at(0);
    const window = await createMaintenance(ctx, mia, {
      service: 'component:default/checkout',
      endsAt: iso(500),
      reason: 'm',
    });
    const silence = await createSilence(ctx, mia, {
      matchers: ['case="both"'],
      endsAt: iso(500),
      comment: 's',
    });
    expect(await suppressed({ case: 'both' }, 100, 'component:default/checkout')).toMatchObject({
      kind: 'silence',
      id: silence.id,
    });
    expect(await suppressed({ case: 'other' }, 100, 'component:default/checkout')).toMatchObject({
      kind: 'maintenance',
      id: window.id,
    });
  });
});

describe('the face', () => {
  it('exports matchesAll for the alerts module', async () => {
    const { matchesAll } = await import('./index.ts');
    expect(matchesAll([{ name: 'a', value: 'b', isRegex: false, isEqual: true }], { a: 'b' })).toBe(true);
  });
});

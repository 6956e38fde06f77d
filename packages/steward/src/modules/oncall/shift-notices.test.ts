// Shift notices: each coming shift gets one notice job at its notice time, and however often scans
// and notice jobs run, each person hears once per shift; a failed notify is not recorded (retried).
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobQueue } from '../../platform/jobs/index.ts';
import { silentLogger } from '../../platform/logging.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { catalogOn } from '../identity/catalog.test-support.ts';
import { createCatalogView } from './catalog-view.ts';
import { paymentsSchedule, seedOncall } from './oncall.test-support.ts';
import { defineShiftNotices, type ShiftNotice } from './shift-notices.ts';
import type { OncallTables } from './tables.ts';

describeEachEngine('shift notices', ({ db }) => {
  let steward: TestSteward;
  const heard: ShiftNotice[] = [];
  let failNext = false;
  let notices: ReturnType<typeof defineShiftNotices>;
  let jobs: JobQueue;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    await seedOrg(steward);
    // Far ahead, so that the server's own job runner leaves the notices enqueued here pending.
    const layer = { ...paymentsSchedule.spec.layers[0], start: '2030-01-07T09:00', members: ['noah', 'mia'] };
    await seedOncall(steward, [
      {
        ...paymentsSchedule,
        metadata: { name: 'future' },
        spec: { ...paymentsSchedule.spec, layers: [layer] },
      },
    ]);
    jobs = new JobQueue(db());
    notices = defineShiftNotices(
      {
        db: db().kysely<OncallTables>(),
        view: createCatalogView(catalogOn(db())),
        jobs,
        now: () => new Date(),
      },
      {
        leadMs: 3600_000,
        scanMs: 15 * 60_000,
        notifyShift: async (notice) => {
          // As the real notifier does: its own transaction on the same database (on PGlite, the one
          // connection, so a notice job holding a transaction open around it would never finish).
          await db()
            .kysely()
            .transaction()
            .execute((trx) => sql`select 1`.execute(trx));
          if (failNext) {
            failNext = false;
            throw new Error('the notifier is down');
          }
          heard.push(notice);
        },
      },
    );
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('enqueues the notice of a shift an hour before it starts, once however often it scans', async () => {
    // The rotation starts Monday 2030-01-07 09:00 Berlin (08:00Z), noah first, for a week.
    expect(await notices.scanOnce(new Date('2030-01-06T08:00:00Z'))).toBe(0);
    const now = new Date('2030-01-07T07:30:00Z');
    expect(await notices.scanOnce(now)).toBe(1);
    expect(await notices.scanOnce(now)).toBe(1);
    const enqueued = await jobs.list({ name: 'oncall.shift-notice', limit: 10 });
    // The same key: the second scan's enqueue is the first's job.
    expect(enqueued.map((j) => j.state)).toEqual(['pending']);
    expect(enqueued[0]?.payload).toEqual({
      user: 'user:default/noah',
      schedule: 'schedule:default/future',
      from: '2030-01-07T08:00:00.000Z',
      until: '2030-01-14T08:00:00.000Z',
    });
    // Due at once: the scan came within the hour before.
    expect(enqueued[0]?.runAt.toISOString()).toBe('2030-01-07T07:30:00.000Z');
    // Once the shift is under way, nothing more until the next hand-off.
    expect(await notices.scanOnce(new Date('2030-01-07T09:00:00Z'))).toBe(0);
  });

  it('sends a notice once, and again after a failed try', async () => {
    const { notice } = notices;
    const payload = {
      user: 'user:default/noah',
      schedule: 'schedule:default/payments-primary',
      from: '2026-01-12T08:00:00.000Z',
      until: '2026-01-19T08:00:00.000Z',
    };
    const ctx = {
      jobId: 'x',
      attempt: 1,
      maxAttempts: 5,
      signal: new AbortController().signal,
      logger: silentLogger(),
      progress: () => {},
    };
    failNext = true;
    await expect(notice.handler(payload, ctx)).rejects.toThrow('the notifier is down');
    expect(heard).toEqual([]);
    expect(await notice.handler(payload, ctx)).toEqual({ sent: true });
    expect(await notice.handler(payload, ctx)).toEqual({ sent: false, reason: 'already sent' });
    expect(heard).toEqual([payload]);
  });
});

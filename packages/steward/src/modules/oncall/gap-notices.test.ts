// Gap notices: a gap within the horizon is told to the schedule's owning team once, however many
// servers scan, through the server's real wiring to notifications; a failed notify is retried.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobQueue } from '../../platform/jobs/index.ts';
import { silentLogger } from '../../platform/logging.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { catalogOn } from '../identity/catalog.test-support.ts';
import { createCatalogView } from './catalog-view.ts';
import { defineGapNotices, type GapNotice } from './gap-notices.ts';
import { seedOncall } from './oncall.test-support.ts';
import type { OncallTables } from './tables.ts';

// Weekdays 09:00–17:00 Berlin from Monday 2030-01-07 (UTC+1 in winter): nobody on call from 16:00Z
// each weekday until 08:00Z the next morning.
const desk = {
  apiVersion: 'steward.dev/v1',
  kind: 'Schedule',
  metadata: { name: 'desk' },
  spec: {
    owner: 'group:payments',
    timeZone: 'Europe/Berlin',
    layers: [
      {
        name: 'desk',
        start: '2030-01-07T09:00',
        rotation: 'P1D',
        members: ['mia', 'noah'],
        restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
      },
    ],
  },
};
const payments = ['user:default/mia', 'user:default/noah', 'user:default/vera'];
const day = 24 * 3600_000;

describeEachEngine('gap notices', ({ db }) => {
  let steward: TestSteward;
  let jobs: JobQueue;
  const heard: GapNotice[] = [];
  let failNext = false;
  const server = (notifyGap: (notice: GapNotice) => Promise<void>) =>
    defineGapNotices(
      {
        db: db().kysely<OncallTables>(),
        view: createCatalogView(catalogOn(db())),
        jobs,
        now: () => new Date(),
      },
      { horizonMs: day, scanMs: 3600_000, notifyGap },
    );

  beforeAll(async () => {
    steward = await startTestSteward(db());
    await seedOrg(steward);
    await seedOncall(steward, [desk]);
    jobs = new JobQueue(db());
    const added = await steward.call('POST', '/api/v1/users/mia/contact-methods', {
      token: steward.adminToken,
      body: { type: 'email', address: 'mia@example.com' },
    });
    expect(added.statusCode, added.body).toBe(201);
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('enqueues a gap within the horizon once across two servers, and the server tells the team', async () => {
    const [one, two] = [server(async () => {}), server(async () => {})];
    const now = new Date('2030-01-07T12:00:00Z');
    // Monday's evening gap starts within a day; Tuesday's (16:00Z on the 8th) is past the horizon.
    expect(await one.scanOnce(now)).toBe(1);
    expect(await two.scanOnce(now)).toBeLessThanOrEqual(1);
    const enqueued = await jobs.list({ name: 'oncall.gap-notice', limit: 10 });
    expect(enqueued.map((j) => j.payload)).toEqual([
      {
        schedule: 'schedule:default/desk',
        from: '2030-01-07T16:00:00.000Z',
        until: '2030-01-08T08:00:00.000Z',
      },
    ]);
    // The server's own runner runs it, with the server's notifier: the notifications module.
    const job = await jobs.waitFor(enqueued[0]?.id ?? '', { pollMs: 50 });
    expect(job.state).toBe('succeeded');
    expect(job.result).toEqual({ told: payments });
    // mia has an email method and no SMTP here: one low-urgency delivery, about the gap.
    const { rows } = await sql<{ urgency: string; message: { shift: { about: string; from: string } } }>`
      select urgency, message from notification_deliveries
       where about = ${'gap:user:default/mia:schedule:default/desk:2030-01-07T16:00:00.000Z'}`.execute(
      db().kysely(),
    );
    expect(rows.map((r) => [r.urgency, r.message.shift.about, r.message.shift.from])).toEqual([
      ['low', 'gap', '2030-01-07T16:00:00.000Z'],
    ]);
    // Told: later scans enqueue it no more.
    expect(await one.scanOnce(new Date('2030-01-07T13:00:00Z'))).toBe(0);
    expect(await jobs.list({ name: 'oncall.gap-notice', limit: 10 })).toHaveLength(1);
  });

  it('tells each person once, and again after a failed try', async () => {
    const { notice } = server(async (told) => {
      if (failNext) {
        failNext = false;
        throw new Error('the notifier is down');
      }
      heard.push(told);
    });
    const payload = {
      schedule: 'schedule:default/desk',
      from: '2030-01-08T16:00:00.000Z',
      until: '2030-01-09T08:00:00.000Z',
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
    expect(await notice.handler(payload, ctx)).toEqual({ told: payments });
    expect(await notice.handler(payload, ctx)).toEqual({ told: [], reason: 'already told' });
    expect(heard).toEqual(payments.map((user) => ({ ...payload, user, team: 'group:default/payments' })));
  });
});

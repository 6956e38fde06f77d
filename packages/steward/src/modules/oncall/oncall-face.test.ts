// The face the alerts module routes and pages with: policyFor's route with each hop's reason, reach
// (schedules to the person on shift, groups to their members) and policy's timings.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { catalogOn } from '../identity/catalog.test-support.ts';
import { createCatalogView } from './catalog-view.ts';
import { checkoutService, paymentsPolicy, paymentsSchedule, seedOncall } from './oncall.test-support.ts';
import { createOncallService, type OncallService } from './oncall-service.ts';
import type { OncallTables } from './tables.ts';

const urgent = {
  apiVersion: 'steward.dev/v1',
  kind: 'EscalationPolicy',
  metadata: { name: 'ledger-urgent' },
  spec: {
    owner: 'group:payments',
    steps: [
      { notify: ['group:payments', 'user:mia'], escalateAfter: 'PT5M', strategy: 'round-robin' },
      { notify: ['schedule:payments-primary', 'user:otto'] },
    ],
    acknowledgeTimeout: 'PT2H',
    workingHours: {
      timeZone: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '09:00',
      to: '17:00',
    },
  },
};
const ledger = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', annotations: { 'steward.dev/escalation-policy': 'ledger-urgent' } },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
};

describeEachEngine('the on-call face', ({ db }) => {
  let steward: TestSteward;
  let oncall: OncallService;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    await seedOrg(steward);
    await seedOncall(steward, [paymentsSchedule, paymentsPolicy, checkoutService, urgent, ledger]);
    const catalog = catalogOn(db());
    oncall = createOncallService({
      db: db().kysely<OncallTables>(),
      view: createCatalogView(catalog),
      catalog,
    });
  });
  afterAll(async () => {
    await steward?.close();
  });

  it("routes a service to its owning group's policy when it names none, saying why at each hop", async () => {
    const route = await oncall.policyFor({ service: 'checkout', team: null });
    // Two policies are owned by payments: the first by ref (ledger-urgent) is used, and the hop says
    // how to choose another.
    expect(route.policy?.ref).toBe('escalationpolicy:default/ledger-urgent');
    expect(route.hops.map((h) => h.text)).toEqual([
      'component:default/checkout is owned by group:default/payments',
      expect.stringMatching(
        /^group:default\/payments owns 2 escalation policies .* name one with the annotation steward.dev\/escalation-policy$/,
      ),
    ]);
  });

  it('routes a service to the policy its annotation names, before its owner', async () => {
    const route = await oncall.policyFor({ service: 'ledger', team: null });
    expect(route.policy?.ref).toBe('escalationpolicy:default/ledger-urgent');
    expect(route.hops).toEqual([
      {
        text: 'component:default/ledger names escalationpolicy:default/ledger-urgent by its annotation steward.dev/escalation-policy',
      },
    ]);
  });

  it('finds no policy for a team that has none, and says so', async () => {
    const route = await oncall.policyFor({ service: null, team: 'search' });
    expect(route.policy).toBeNull();
    expect(route.hops).toEqual([
      { text: 'no escalation policy is named by group:default/search or owned by it' },
    ]);
  });

  it('routes many targets at once exactly as it routes each alone, unknown services included', async () => {
    const targets = [
      { service: 'checkout', team: null },
      { service: 'ledger', team: null },
      { service: null, team: 'search' },
      { service: 'no-such-service', team: 'payments' },
      { service: 'checkout', team: null },
    ];
    const together = await oncall.policiesFor(targets);
    const alone = await Promise.all(targets.map((t) => oncall.policyFor(t)));
    expect(together).toEqual(alone);
    expect(together[3]?.hops[0]).toEqual({ text: 'no service no-such-service in the catalog' });
    expect(await oncall.policiesFor([])).toEqual([]);
  });

  it("reaches a group's members and a person once each, and a schedule's person on shift", async () => {
    const at = new Date('2026-01-13T12:00:00Z');
    const first = await oncall.reach('escalationpolicy:default/ledger-urgent', 1, at);
    // payments' members (mia, noah, vera), mia named again is not reached twice.
    expect(first.map((r) => r.user)).toEqual(['user:default/mia', 'user:default/noah', 'user:default/vera']);
    expect(first[0]).toEqual({
      user: 'user:default/mia',
      schedule: null,
      from: at.toISOString(),
      until: '2026-01-13T12:05:00.000Z',
    });
    const second = await oncall.reach('escalationpolicy:default/ledger-urgent', 2, at);
    expect(second.map((r) => [r.user, r.schedule])).toEqual([
      ['user:default/noah', 'schedule:default/payments-primary'],
      ['user:default/otto', null],
    ]);
    expect(await oncall.reach('escalationpolicy:default/ledger-urgent', 3, at)).toEqual([]);
    expect(await oncall.reach('escalationpolicy:default/nope', 1, at)).toEqual([]);
  });

  it("gives a policy's steps and timings in milliseconds", async () => {
    expect(await oncall.policy('EscalationPolicy:default/ledger-urgent')).toEqual({
      ref: 'escalationpolicy:default/ledger-urgent',
      owner: 'group:default/payments',
      repeat: 0,
      steps: [
        {
          notify: ['group:default/payments', 'user:default/mia'],
          escalateAfterMs: 300_000,
          strategy: 'round-robin',
        },
        {
          notify: ['schedule:default/payments-primary', 'user:default/otto'],
          escalateAfterMs: 1_800_000,
          strategy: 'all',
        },
      ],
      acknowledgeTimeoutMs: 7_200_000,
      workingHours: {
        timeZone: 'Europe/Berlin',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        from: '09:00',
        to: '17:00',
      },
    });
    expect(await oncall.policy('escalationpolicy:default/nope')).toBeNull();
  });
});

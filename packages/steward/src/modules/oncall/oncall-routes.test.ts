// GET /api/v1/oncall as the contract says: the people a policy's steps reach at an instant, by level,
// only those on call then (never the next shift), overrides winning, for a service and for a team.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { paymentsSchedule, seedOncall } from './oncall.test-support.ts';

const policy = 'escalationpolicy:default/payments';
const schedule = 'schedule:default/payments-primary';

describeEachEngine('who is on call', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  const get = (url: string, token = org.tokens.viewer) => steward.call('GET', url, { token });

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    await seedOncall(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  it("answers a service's people by level: the schedule's shift first, then the person named directly", async () => {
    // Wednesday of the first week: mia's week, Monday 09:00 Berlin (08:00Z) to the next Monday.
    const response = await get('/api/v1/oncall?service=checkout&at=2026-01-07T12:00:00Z');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      at: '2026-01-07T12:00:00.000Z',
      oncall: [
        {
          user: 'user:default/mia',
          level: 1,
          schedule,
          policy,
          from: '2026-01-05T08:00:00.000Z',
          until: '2026-01-12T08:00:00.000Z',
        },
        // Reached directly for as long as the step lasts (escalateAfter defaults to 30 minutes).
        {
          user: 'user:default/otto',
          level: 2,
          schedule: null,
          policy,
          from: '2026-01-07T12:00:00.000Z',
          until: '2026-01-07T12:30:00.000Z',
        },
      ],
    });
  });

  it('answers the same for the team that owns the policy, and hands off on the wall-time Monday', async () => {
    const team = (await get('/api/v1/oncall?team=payments&at=2026-01-07T12:00:00Z')).json();
    expect(team.oncall.map((e: { user: string }) => e.user)).toEqual([
      'user:default/mia',
      'user:default/otto',
    ]);
    // 2026-01-12 09:00 Berlin is 08:00Z: one minute before, mia; at it, noah.
    const before = (await get('/api/v1/oncall?team=payments&at=2026-01-12T07:59:00Z')).json();
    const after = (await get('/api/v1/oncall?team=payments&at=2026-01-12T08:00:00Z')).json();
    expect(before.oncall[0]).toMatchObject({ user: 'user:default/mia', until: '2026-01-12T08:00:00.000Z' });
    expect(after.oncall[0]).toMatchObject({
      user: 'user:default/noah',
      from: '2026-01-12T08:00:00.000Z',
      until: '2026-01-19T08:00:00.000Z',
    });
  });

  it('lists nobody from the schedule before the rotation starts: never the next shift', async () => {
    const early = (await get('/api/v1/oncall?service=checkout&at=2026-01-05T07:59:00Z')).json();
    expect(early.oncall).toEqual([expect.objectContaining({ user: 'user:default/otto', level: 2 })]);
  });

  it('lets an override win for its span, and the person under it is back after', async () => {
    const made = await steward.call('POST', '/api/v1/schedules/default/payments-primary/overrides', {
      token: org.tokens.teammate,
      body: { user: 'noah', from: '2026-01-07T10:00:00Z', until: '2026-01-07T14:00:00Z' },
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ user: 'user:default/noah', schedule, createdBy: 'noah' });
    const during = (await get('/api/v1/oncall?service=checkout&at=2026-01-07T12:00:00Z')).json();
    expect(during.oncall[0]).toEqual({
      user: 'user:default/noah',
      level: 1,
      schedule,
      policy,
      from: '2026-01-07T10:00:00.000Z',
      until: '2026-01-07T14:00:00.000Z',
    });
    const later = (await get('/api/v1/oncall?service=checkout&at=2026-01-07T15:00:00Z')).json();
    expect(later.oncall[0]).toMatchObject({
      user: 'user:default/mia',
      from: '2026-01-07T14:00:00.000Z',
      until: '2026-01-12T08:00:00.000Z',
    });
    const audit = (await get('/api/v1/audit?action=oncall-override.create', org.tokens.admin)).json();
    expect(audit.items[0]).toMatchObject({ actor: 'noah', subjectId: schedule });
    // Removed, mia has the whole week again.
    const removed = await steward.call(
      'DELETE',
      `/api/v1/schedules/default/payments-primary/overrides/${made.json().id}`,
      { token: org.tokens.admin },
    );
    expect(removed.statusCode).toBe(200);
    const again = (await get('/api/v1/oncall?service=checkout&at=2026-01-07T12:00:00Z')).json();
    expect(again.oncall[0]).toMatchObject({ user: 'user:default/mia', from: '2026-01-05T08:00:00.000Z' });
  });

  it('answers 400 naming the field for a bad instant, or both or neither of team and service', async () => {
    const badAt = await get('/api/v1/oncall?team=payments&at=yesterday');
    expect(badAt.statusCode).toBe(400);
    expect(badAt.json().errors[0].field).toBe('querystring.at');
    const noZone = await get('/api/v1/oncall?team=payments&at=2026-01-07T12:00:00');
    expect(noZone.statusCode).toBe(400);
    for (const query of ['team=payments&service=checkout', '']) {
      const response = await get(`/api/v1/oncall?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('querystring.team');
    }
  });

  it('answers 404 for a team or service the catalog does not have', async () => {
    expect((await get('/api/v1/oncall?team=nobody')).statusCode).toBe(404);
    const service = await get('/api/v1/oncall?service=ghost');
    expect(service.statusCode).toBe(404);
    expect(service.json().detail).toContain('component:default/ghost');
  });

  it('answers an empty list for a team with no policy', async () => {
    expect((await get('/api/v1/oncall?team=search&at=2026-01-07T12:00:00Z')).json()).toEqual({
      at: '2026-01-07T12:00:00.000Z',
      oncall: [],
    });
  });

  it('answers from the catalog as it is now: an edited schedule is read again', async () => {
    const at = '/api/v1/oncall?team=payments&at=2026-01-07T12:00:00Z';
    expect((await get(at)).json().oncall[0].user).toBe('user:default/mia');
    const layer = { ...paymentsSchedule.spec.layers[0], members: ['noah', 'mia'] };
    const edited = await steward.call('PUT', '/api/v1/entities/schedule/default/payments-primary', {
      token: org.tokens.admin,
      body: { ...paymentsSchedule, spec: { ...paymentsSchedule.spec, layers: [layer] } },
    });
    expect(edited.statusCode).toBe(200);
    await steward.assembled.events.caughtUp();
    expect((await get(at)).json().oncall[0].user).toBe('user:default/noah');
  });
});

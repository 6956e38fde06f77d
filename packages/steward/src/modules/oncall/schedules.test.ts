// Schedules over HTTP: each layer's shifts and the final schedule with gaps, swaps made as overrides in
// one transaction (and removed together), who may change overrides, and gaps reported ahead.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { seedOncall } from './oncall.test-support.ts';

const base = '/api/v1/schedules/default/payments-primary';
const daytime = {
  apiVersion: 'steward.dev/v1',
  kind: 'Schedule',
  metadata: { name: 'search-daytime' },
  spec: {
    owner: 'group:search',
    timeZone: 'UTC',
    layers: [
      {
        name: 'office',
        start: '2026-01-05T09:00',
        rotation: 'P1D',
        members: ['otto'],
        restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
      },
    ],
  },
};

describeEachEngine('schedules, overrides and swaps', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  const call = (method: string, url: string, token: string, body?: unknown) =>
    steward.call(method, url, { token, body });
  const whoAt = async (at: string) =>
    (await call('GET', `/api/v1/oncall?team=payments&at=${at}`, org.tokens.viewer)).json().oncall[0]?.user;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    await seedOncall(steward);
    await seedOncall(steward, [daytime]);
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('lists every schedule with who is on call in it now', async () => {
    const { items } = (await call('GET', '/api/v1/schedules', org.tokens.viewer)).json();
    expect(items.map((s: { ref: string }) => s.ref)).toEqual([
      'schedule:default/payments-primary',
      'schedule:default/search-daytime',
    ]);
    // The weekly rotation never stops: someone of mia and noah is on call now.
    expect(['user:default/mia', 'user:default/noah']).toContain(items[0].oncallNow.user);
    expect(items[0]).toMatchObject({ owner: 'group:default/payments', timeZone: 'Europe/Berlin' });
  });

  it("answers each layer's shifts, the final schedule and its gaps over a window", async () => {
    const response = await call(
      'GET',
      `${base}/shifts?from=2026-01-05T00:00:00Z&until=2026-01-19T00:00:00Z`,
      org.tokens.viewer,
    );
    expect(response.statusCode).toBe(200);
    const mia = {
      user: 'user:default/mia',
      from: '2026-01-05T08:00:00.000Z',
      until: '2026-01-12T08:00:00.000Z',
      layer: 'weekly',
    };
    const noah = {
      user: 'user:default/noah',
      from: '2026-01-12T08:00:00.000Z',
      until: '2026-01-19T00:00:00.000Z',
      layer: 'weekly',
    };
    expect(response.json()).toEqual({
      ref: 'schedule:default/payments-primary',
      timeZone: 'Europe/Berlin',
      from: '2026-01-05T00:00:00.000Z',
      until: '2026-01-19T00:00:00.000Z',
      layers: [{ name: 'weekly', shifts: [mia, noah] }],
      final: [mia, noah],
      gaps: [{ from: '2026-01-05T00:00:00.000Z', until: '2026-01-05T08:00:00.000Z' }],
    });
    const backwards = await call(
      'GET',
      `${base}/shifts?from=2026-01-19T00:00:00Z&until=2026-01-05T00:00:00Z`,
      org.tokens.viewer,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('querystring.until');
    expect((await call('GET', '/api/v1/schedules/default/nope/shifts', org.tokens.viewer)).statusCode).toBe(
      404,
    );
  });

  it('swaps two people as overrides made together, and removes them together', async () => {
    const swap = await call('POST', `${base}/swaps`, org.tokens.member, {
      user: 'mia',
      with: 'user:default/noah',
      from: '2026-01-07T00:00:00Z',
      until: '2026-01-14T00:00:00Z',
    });
    expect(swap.statusCode).toBe(201);
    const made = swap.json().items;
    // mia's part of the window goes to noah, noah's part to mia.
    expect(made).toEqual([
      expect.objectContaining({
        user: 'user:default/noah',
        from: '2026-01-07T00:00:00.000Z',
        until: '2026-01-12T08:00:00.000Z',
      }),
      expect.objectContaining({
        user: 'user:default/mia',
        from: '2026-01-12T08:00:00.000Z',
        until: '2026-01-14T00:00:00.000Z',
      }),
    ]);
    expect(made[0].swap).toBe(made[1].swap);
    expect(await whoAt('2026-01-08T12:00:00Z')).toBe('user:default/noah');
    expect(await whoAt('2026-01-13T12:00:00Z')).toBe('user:default/mia');
    expect(await whoAt('2026-01-14T12:00:00Z')).toBe('user:default/noah');
    const listed = (await call('GET', `${base}/overrides`, org.tokens.viewer)).json().items;
    expect(listed).toHaveLength(2);

    const removed = await call('DELETE', `${base}/overrides/${made[0].id}`, org.tokens.member);
    expect(removed.json().items).toHaveLength(2);
    expect((await call('GET', `${base}/overrides`, org.tokens.viewer)).json().items).toEqual([]);
    expect(await whoAt('2026-01-08T12:00:00Z')).toBe('user:default/mia');
  });

  it('refuses a swap when the person has no shift in the window (409)', async () => {
    const swap = await call('POST', `${base}/swaps`, org.tokens.member, {
      user: 'noah',
      with: 'mia',
      from: '2026-01-06T00:00:00Z',
      until: '2026-01-07T00:00:00Z',
    });
    expect(swap.statusCode).toBe(409);
    expect(swap.json().detail).toContain('user:default/noah is not on call');
  });

  it('checks overrides: the user exists, until after from, and who may make them', async () => {
    const span = { from: '2026-02-01T00:00:00Z', until: '2026-02-02T00:00:00Z' };
    const ghost = await call('POST', `${base}/overrides`, org.tokens.member, { user: 'ghost', ...span });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json().errors[0]).toMatchObject({ field: 'body.user' });
    const backwards = await call('POST', `${base}/overrides`, org.tokens.member, {
      user: 'mia',
      from: span.until,
      until: span.from,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('body.until');
    // sam is in no team and would put noah on call: not theirs to change.
    const outsider = await call('POST', `${base}/overrides`, org.tokens.loner, { user: 'noah', ...span });
    expect(outsider.statusCode).toBe(403);
    // …but anyone may take a shift themselves, and viewers change nothing.
    expect(
      (await call('POST', `${base}/overrides`, org.tokens.loner, { user: 'sam', ...span })).statusCode,
    ).toBe(201);
    expect(
      (await call('POST', `${base}/overrides`, org.tokens.viewer, { user: 'vera', ...span })).statusCode,
    ).toBe(403);
  });

  it('reports the gaps of every schedule in the coming days, before they happen', async () => {
    const response = await call('GET', '/api/v1/oncall/gaps?days=14', org.tokens.viewer);
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    // The weekly rotation has none; the office-hours one is uncovered every night and weekend.
    expect(answer.schedules.map((s: { ref: string }) => s.ref)).toEqual(['schedule:default/search-daytime']);
    const gaps: { from: string; until: string }[] = answer.schedules[0].gaps;
    expect(gaps.length).toBeGreaterThanOrEqual(10);
    for (const gap of gaps) {
      expect(gap.from === answer.from || gap.from.endsWith('T17:00:00.000Z')).toBe(true);
      expect(gap.until === answer.until || gap.until.endsWith('T09:00:00.000Z')).toBe(true);
    }
    expect((await call('GET', '/api/v1/oncall/gaps?days=0', org.tokens.viewer)).statusCode).toBe(400);
  });
});

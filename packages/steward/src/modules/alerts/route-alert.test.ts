// Routing a request's alerts together: who-owns is asked once about the distinct label sets, and
// each alert gets the route it would get alone; a question that fails as a whole is asked per alert.
import { describe, expect, it } from 'vitest';
import type { WhoOwnsAnswer } from '../ownership/index.ts';
import { alertThing, type RouteContext, routeAlert, routeAlerts } from './route-alert.ts';

const now = new Date('2026-03-01T10:00:00Z');
const integration = { name: 'prom', service: null };

/** checkout's alerts are owned by payments; anything else is owned by nobody. */
function answerFor(thing: string): WhoOwnsAnswer {
  const owned = thing.includes('service="checkout"');
  return {
    thing,
    kind: 'alert',
    owners: owned ? [{ ref: 'group:default/payments', role: 'primary' }] : [],
    decidedBy: owned
      ? { source: 'selector', rule: 'service="checkout"', entity: 'component:default/checkout' }
      : null,
    explanation: owned ? 'checkout selects it' : 'no selector matches',
    owned,
  } as unknown as WhoOwnsAnswer;
}

function counting(fail: (things: readonly string[]) => boolean = () => false) {
  const calls: string[][] = [];
  const ctx: RouteContext = {
    defaultTeam: 'group:default/sre',
    whoOwns: async (things) => {
      calls.push([...things]);
      if (fail(things)) throw new Error('cannot read one of them');
      return things.map(answerFor);
    },
  };
  return { ctx, calls };
}

const alert = (labels: Record<string, string>) => ({ labels, annotations: {} });

describe('routeAlerts', () => {
  it('asks once about each distinct label set and routes each alert as it would be routed alone', async () => {
    const alerts = [
      alert({ service: 'checkout', instance: 'a' }),
      alert({ service: 'ledger' }),
      alert({ instance: 'a', service: 'checkout' }),
      { labels: {}, annotations: { component: 'checkout' } },
    ];
    const { ctx, calls } = counting();
    const routes = await routeAlerts(alerts, integration, ctx, now);
    expect(calls).toEqual([
      ['alert:{instance="a",service="checkout"}', 'alert:{service="ledger"}', 'alert:{service="checkout"}'],
    ]);
    const alone = await Promise.all(alerts.map((a) => routeAlert(a, integration, counting().ctx, now)));
    expect(routes).toEqual(alone);
    expect(routes.map((r) => [r.service, r.team, r.unowned])).toEqual([
      ['component:default/checkout', 'group:default/payments', false],
      [null, 'group:default/sre', true],
      ['component:default/checkout', 'group:default/payments', false],
      ['component:default/checkout', 'group:default/payments', false],
    ]);
  });

  it('asks about the bound service only, once, when the integration is bound', async () => {
    const { ctx, calls } = counting();
    const bound = { name: 'pd', service: 'component:default/checkout' };
    const routes = await routeAlerts([alert({ a: '1' }), alert({ a: '2' })], bound, ctx, now);
    expect(calls).toEqual([['component:default/checkout']]);
    expect(routes.every((r) => r.service === 'component:default/checkout')).toBe(true);
  });

  it('asks per alert when the question about all of them fails, so the others still find their owner', async () => {
    const bad = alertThing({ service: 'broken' });
    const { ctx, calls } = counting((things) => things.includes(bad));
    const routes = await routeAlerts(
      [alert({ service: 'checkout' }), alert({ service: 'broken' })],
      integration,
      ctx,
      now,
    );
    expect(calls).toHaveLength(3);
    expect(routes[0]?.team).toBe('group:default/payments');
    expect(routes[1]?.unowned).toBe(true);
    expect(routes[1]?.hops.map((h) => h.text)).toContain(
      `who-owns ${bad} could not answer: cannot read one of them`,
    );
  });

  it('asks nothing for no alerts', async () => {
    const { ctx, calls } = counting();
    expect(await routeAlerts([], integration, ctx, now)).toEqual([]);
    expect(calls).toEqual([]);
  });
});

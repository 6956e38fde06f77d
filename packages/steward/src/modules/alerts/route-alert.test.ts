// Routing a request's alerts together: who-owns is asked once about all of them, each alert gets the
// route it would get alone, and alerts with one answer share one route.
import { describe, expect, it } from 'vitest';
import type { AlertOwnership, WhoOwnsAnswer } from '../ownership/index.ts';
import { type RouteContext, routeAlerts } from './route-alert.ts';

const now = new Date('2026-03-01T10:00:00Z');
const integration = { name: 'prom', service: null };

/** checkout's alerts are owned by payments; anything else is owned by nobody. */
function answerFor(thing: string): WhoOwnsAnswer {
  const owned = thing.includes('service="checkout"') || thing === 'component:default/checkout';
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

/** As ownership answers: by the `service` label alone, one answer object per distinct value. */
function counting(fail = false) {
  const calls: Record<string, string>[][] = [];
  const asked: string[][] = [];
  const answers = new Map<string, AlertOwnership>();
  const ctx: RouteContext = {
    defaultTeam: 'group:default/sre',
    whoOwns: async (things) => {
      asked.push([...things]);
      return things.map(answerFor);
    },
    whoOwnsAlerts: async (labelSets) => {
      calls.push([...labelSets]);
      if (fail) throw new Error('the ownership index is not built yet');
      return labelSets.map((labels) => {
        const thing = `alert:{service=${JSON.stringify(labels.service ?? '')}}`;
        const known = answers.get(thing) ?? { thing, answer: answerFor(thing) };
        answers.set(thing, known);
        return known;
      });
    },
  };
  return { ctx, calls, asked };
}

const alert = (labels: Record<string, string>) => ({ labels, annotations: {} });

describe('routeAlerts', () => {
  it('asks once about all the alerts, routes each as it would be routed alone, and shares alike routes', async () => {
    const alerts = [
      alert({ service: 'checkout', instance: 'a' }),
      alert({ service: 'ledger' }),
      alert({ instance: 'b', service: 'checkout' }),
      { labels: {}, annotations: { component: 'checkout' } },
      { labels: {}, annotations: {} },
    ];
    const { ctx, calls } = counting();
    const routes = await routeAlerts(alerts, integration, ctx, now);
    expect(calls).toEqual([
      [
        { service: 'checkout', instance: 'a' },
        { service: 'ledger' },
        { instance: 'b', service: 'checkout' },
        { service: 'checkout' },
      ],
    ]);
    const alone = await Promise.all(alerts.map((a) => routeAlerts([a], integration, counting().ctx, now)));
    expect(routes).toEqual(alone.flat());
    expect(routes.map((r) => [r.service, r.team, r.unowned])).toEqual([
      ['component:default/checkout', 'group:default/payments', false],
      [null, 'group:default/sre', true],
      ['component:default/checkout', 'group:default/payments', false],
      ['component:default/checkout', 'group:default/payments', false],
      [null, 'group:default/sre', true],
    ]);
    expect(routes[2]).toBe(routes[0]);
    expect(routes[0]?.hops).toEqual([
      {
        at: now.toISOString(),
        kind: 'who-owns',
        text: 'who-owns alert:{service="checkout"} → component:default/checkout (selector: service="checkout")',
      },
      {
        at: now.toISOString(),
        kind: 'owner',
        text: 'owner of component:default/checkout is group:default/payments',
      },
    ]);
    expect(routes[1]?.hops.map((h) => h.text)).toEqual([
      'who-owns alert:{service="ledger"}: no selector matches',
      'nothing owns it: it goes to the default alert team group:default/sre',
    ]);
    expect(routes[4]?.hops[0]?.text).toBe(
      'the alert has no labels and integration prom is bound to no service',
    );
  });

  it('asks about the bound service only, once, when the integration is bound', async () => {
    const { ctx, calls, asked } = counting();
    const bound = { name: 'pd', service: 'component:default/checkout' };
    const routes = await routeAlerts([alert({ a: '1' }), alert({ a: '2' })], bound, ctx, now);
    expect(asked).toEqual([['component:default/checkout']]);
    expect(calls).toEqual([]);
    expect(routes.every((r) => r.service === 'component:default/checkout')).toBe(true);
    expect(routes[0]?.hops.map((h) => h.text)).toEqual([
      'integration pd is bound to component:default/checkout',
      'owner of component:default/checkout is group:default/payments',
    ]);
  });

  it('sends every alert to the default team, saying why, when who-owns cannot answer', async () => {
    const { ctx } = counting(true);
    const routes = await routeAlerts(
      [alert({ service: 'checkout' }), alert({ service: 'x' })],
      integration,
      ctx,
      now,
    );
    for (const route of routes) {
      expect(route).toMatchObject({ service: null, team: 'group:default/sre', unowned: true });
      expect(route.hops.map((h) => h.text)).toEqual([
        'who-owns could not answer: the ownership index is not built yet',
        'nothing owns it: it goes to the default alert team group:default/sre',
      ]);
    }
  });

  it('asks nothing for no alerts', async () => {
    const { ctx, calls, asked } = counting();
    expect(await routeAlerts([], integration, ctx, now)).toEqual([]);
    expect(await routeAlerts([], { name: 'pd', service: 'component:default/checkout' }, ctx, now)).toEqual(
      [],
    );
    expect([calls, asked]).toEqual([[], []]);
  });
});

// How the inbox keeps an accepted request: its body as received with where each alert goes, deflated
// (the embedded database) or as plain text behind a marker byte (PostgreSQL). Either reads back as
// written; applying reads the body as its endpoint did (ended alerts, urgency, PagerDuty's given
// key); rows written before requests were kept this way still read; and the marker can never be
// mistaken for the start of a deflated row.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../platform/seeded-random.ts';
import type { Route } from '../route-alert.ts';
import { type AcceptedRequest, decodeItems, decodeRow, encodeRequest } from './inbox-store.ts';
import { fingerprintOf } from './incoming.ts';

const route: Route = {
  service: 'component:default/checkout',
  team: 'group:default/payments',
  unowned: false,
  hops: [
    { at: '2026-12-06T10:00:00.000Z', kind: 'who-owns', text: 'who-owns alert:{service="checkout"} → …' },
  ],
};
const labels = (instance: string) => ({ alertname: 'HighErrorRate', service: 'checkout', instance });

// Two firing alerts sharing one route, and one that ended before the request came (it opens nothing).
const body = JSON.stringify([
  { labels: labels('a'), annotations: { summary: 'Checkout errors' }, startsAt: '2026-12-06T09:59:00Z' },
  { labels: labels('b'), unknownField: 'tolerated' },
  { labels: labels('c'), endsAt: '2026-12-06T09:00:00Z' },
]);
const accepted: AcceptedRequest = {
  sender: 'alertmanager-api',
  receivedAt: '2026-12-06T10:00:00.000Z',
  body,
  urgency: null,
  routes: [route],
  routeOf: [0, 0, null],
};

describe('inbox rows', () => {
  for (const deflate of [true, false]) {
    it(`read back as written, ${deflate ? 'deflated' : 'as plain text'}, the body byte for byte`, () => {
      const bytes = encodeRequest(accepted, deflate);
      expect(decodeRow(bytes)).toEqual(accepted);
      expect(bytes[0] === 0xff).toBe(!deflate);
    });
  }

  it('are applied as their endpoint read them: ended alerts resolve, routes shared, keys as answered', () => {
    const items = decodeItems(encodeRequest(accepted, false));
    expect(items.map((i) => [i.labels.instance, i.action, i.dedupKey, i.urgency])).toEqual([
      ['a', 'trigger', fingerprintOf(labels('a')), 'high'],
      ['b', 'trigger', fingerprintOf(labels('b')), 'high'],
      ['c', 'resolve', fingerprintOf(labels('c')), 'high'],
    ]);
    expect(items[0]?.route).toEqual(route);
    expect(items[1]?.route).toBe(items[0]?.route);
    expect(items[2]?.route).toBeNull();
    expect(items[0]?.summary).toBe('Checkout errors');
    expect(items[0]?.startsAt).toEqual(new Date('2026-12-06T09:59:00Z'));
  });

  it("apply the integration's urgency over each alert's own", () => {
    const items = decodeItems(encodeRequest({ ...accepted, urgency: 'low' }, true));
    expect(items.map((i) => i.urgency)).toEqual(['low', 'low', 'low']);
  });

  it('give a PagerDuty event without a dedup_key the key its sender was told', () => {
    const event = {
      routing_key: 'k',
      event_action: 'trigger',
      payload: { summary: 's', source: 'x', severity: 'info' },
    };
    const request: AcceptedRequest = {
      sender: 'pagerduty',
      receivedAt: accepted.receivedAt,
      body: JSON.stringify(event),
      urgency: null,
      routes: [route],
      routeOf: [0],
      dedupKey: 'given-at-the-edge',
    };
    const [item] = decodeItems(encodeRequest(request, false));
    expect(item).toMatchObject({ source: 'pagerduty', dedupKey: 'given-at-the-edge', urgency: 'low' });
  });

  it('written in the earlier form (the items alone, deflated, each with its route) still read', () => {
    const items = decodeItems(encodeRequest(accepted, true));
    const earlier = deflateRawSync(JSON.stringify(items), { level: 1 });
    expect(decodeItems(earlier)).toEqual(JSON.parse(JSON.stringify(items)));
  });

  it('never start a deflate stream with the plain-text marker, whatever the input and level', () => {
    const random = seededRandom(11);
    for (let n = 0; n < 3000; n++) {
      const input = Buffer.alloc(Math.floor(random() * 3000));
      const alphabet = 1 + Math.floor(random() * 255);
      for (let i = 0; i < input.length; i++) input[i] = Math.floor(random() * alphabet);
      const level = Math.floor(random() * 10);
      expect(deflateRawSync(input, { level })[0]).not.toBe(0xff);
    }
  });
});

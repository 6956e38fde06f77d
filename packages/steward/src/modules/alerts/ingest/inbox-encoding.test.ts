// How the inbox keeps a request's items: deflated (the embedded database) or as plain JSON behind a
// marker byte (PostgreSQL); either reads back as written, each shared route kept once, and the
// marker can never be mistaken for the start of a deflated row (those written before it, too).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../platform/seeded-random.ts';
import type { Route } from '../route-alert.ts';
import { decodeItems, encodeItems, type InboxItem } from './inbox-store.ts';

const route: Route = {
  service: 'component:default/checkout',
  team: 'group:default/payments',
  unowned: false,
  hops: [
    { at: '2026-12-06T10:00:00.000Z', kind: 'who-owns', text: 'who-owns alert:{service="checkout"} → …' },
  ],
};

function item(instance: string, shared: Route | null): InboxItem {
  return {
    source: 'alertmanager-api',
    action: 'trigger',
    dedupKey: `key-${instance}`,
    groupKey: '',
    groupLabels: null,
    summary: 'Checkout errors',
    labels: { alertname: 'HighErrorRate', service: 'checkout', instance },
    annotations: { summary: 'Checkout errors' },
    generatorUrl: null,
    startsAt: null,
    urgency: 'high',
    route: shared,
  };
}

describe('inbox rows', () => {
  const items = [item('a', route), item('b', route), item('c', null)];

  for (const deflate of [true, false]) {
    it(`read back as written, ${deflate ? 'deflated' : 'as plain JSON'}, each shared route once`, () => {
      const bytes = encodeItems(items, deflate);
      expect(decodeItems(bytes)).toEqual(items);
      const text = deflate ? inflateRawSync(bytes).toString('utf8') : bytes.subarray(1).toString('utf8');
      expect(JSON.parse(text).routes).toEqual([route]);
      expect(text.split('who-owns alert:')).toHaveLength(2);
    });
  }

  it('reads the earlier form: the items alone, deflated, each with its route', () => {
    expect(decodeItems(deflateRawSync(JSON.stringify(items), { level: 1 }))).toEqual(items);
  });

  it('never starts a deflate stream with the plain-JSON marker, whatever the input and level', () => {
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

// Alert changes reach the live channel: `alerts` hears every alert open, acknowledge and resolve;
// `alert:<id>` hears the changes of that one alert.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StreamEvent } from '../../platform/realtime/protocol.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type RunningSteward, StreamClient, startSteward } from '../../server/test-stream.ts';
import { alertWithLabels, expectAccepted } from './alerts.test-support.ts';
import { fingerprintOf } from './ingest/incoming.ts';

describeEachEngine('alerts on the live channel', ({ db }) => {
  let steward: RunningSteward;
  let admin: string;

  beforeAll(async () => {
    steward = await startSteward(db());
    admin = steward.adminToken as string;
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
  });

  const call = (method: 'POST' | 'GET', url: string, payload?: object, token?: string) =>
    steward.assembled.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('publishes an opened alert on alerts, and its acknowledge on alert:<id> too', async () => {
    const created = await call('POST', '/api/v1/integrations', { type: 'alertmanager', name: 'am' }, admin);
    const key = created.json().key as string;
    const client = await StreamClient.connect(steward.streamUrl, admin);
    try {
      expect((await client.subscribe(['alerts'])).type).toBe('subscribed');
      const labels = { alertname: 'Live' };
      const fired = await call('POST', '/api/v2/alerts', [{ labels }], key);
      expectAccepted(fired, [[fingerprintOf(labels), 'trigger']]);
      // Applied behind the answer: its id from the list (frames meanwhile wait in the client).
      const caller = { call: (method: string, url: string) => call(method as 'GET', url, undefined, admin) };
      const { id } = await alertWithLabels(caller, admin, labels);
      const isAbout = (status: string) => (e: StreamEvent) =>
        (e.data as { id: string; status: string }).id === id &&
        (e.data as { status: string }).status === status;
      const opened = await client.nextEvent(isAbout('triggered'));
      expect(opened).toMatchObject({ topic: 'alerts', type: 'alert.changed' });

      // A subscribe names every topic wanted: it replaces the previous set.
      expect((await client.subscribe(['alerts', `alert:${id}`])).type).toBe('subscribed');
      expect((await call('POST', `/api/v1/alerts/${id}/acknowledge`, undefined, admin)).statusCode).toBe(200);
      // Both may come in one frame: read whole frames.
      const topics = new Set<string>();
      while (topics.size < 2) {
        const message = await client.next();
        if (message.type !== 'events') continue;
        for (const event of message.events.filter(isAbout('acknowledged'))) topics.add(event.topic);
      }
      expect(topics).toEqual(new Set(['alerts', `alert:${id}`]));
    } finally {
      await client.close();
    }
  });
});

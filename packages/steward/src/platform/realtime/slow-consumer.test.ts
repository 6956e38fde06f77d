import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  createPeople,
  type RunningSteward,
  StreamClient,
  startSteward,
  type TestPeople,
} from '../../server/test-stream.ts';
import type { StreamEvent } from './protocol.ts';

const limitKiB = 256;
const eventKiB = 64;
const eventsPerRound = 4;

describeEachEngine('a live-channel client that does not read', ({ db }) => {
  let steward: RunningSteward;
  let people: TestPeople;

  beforeAll(async () => {
    steward = await startSteward(db(), {
      tickMs: 5,
      slowConsumerBytes: limitKiB * 1024,
      closeGraceMs: 20_000,
    });
    people = await createPeople(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('is closed with 4008 once its backlog passes the limit, while others keep receiving', async () => {
    const slow = await StreamClient.connect(steward.streamUrl, people.tokens.alice);
    const healthy = await StreamClient.connect(steward.streamUrl, people.tokens.bob);
    await slow.subscribe(['room:flood']);
    await healthy.subscribe(['room:flood']);
    slow.socket.pause(); // reads nothing more: the kernel buffers fill, then the server's
    const closed = once(slow.socket, 'close');
    const realtime = steward.assembled.realtime;
    const payload = 'x'.repeat(eventKiB * 1024);
    let published = 0;
    const received: StreamEvent[] = [];
    for (let round = 0; round < 400 && realtime.connectionCount() === 2; round++) {
      const seqs = await Promise.all(
        Array.from({ length: eventsPerRound }, () => realtime.publish('room:flood', 'flood.chunk', payload)),
      );
      published += seqs.length;
      // Pace the rounds by the healthy client, so each round's events go out as one frame.
      while (received.length < published) received.push(...(await nextEvents(healthy)));
    }
    expect(realtime.connectionCount()).toBe(1);
    slow.socket.resume();
    const [code, reason] = await closed;
    expect(code).toBe(4008);
    const unsentKiB = Number(/^too slow: (\d+) KiB unsent; reconnect and resume$/.exec(String(reason))?.[1]);
    // Checked before each send: at most the limit plus the one frame that crossed it.
    expect(unsentKiB).toBeGreaterThan(limitKiB);
    expect(unsentKiB).toBeLessThanOrEqual(limitKiB + eventsPerRound * (eventKiB + 1));
    expect(received.map((e) => e.seq)).toEqual(Array.from({ length: published }, (_, i) => i + 1));
    expect(received.every((e) => e.data === payload)).toBe(true);
    const metrics = (await steward.assembled.app.inject('/metrics')).body;
    expect(metrics).toMatch(/^steward_realtime_slow_consumers_closed_total 1$/m);
    await healthy.close();
  }, 120_000);
});

async function nextEvents(client: StreamClient): Promise<StreamEvent[]> {
  const message = await client.next(20_000);
  if (message.type !== 'events') throw new Error(`expected events, got ${JSON.stringify(message)}`);
  return message.events;
}

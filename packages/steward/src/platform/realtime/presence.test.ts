import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  createPeople,
  type RunningSteward,
  StreamClient,
  startSteward,
  type TestPeople,
} from '../../server/test-stream.ts';
import { type Database, openDatabase } from '../db/database.ts';
import type { Presence, StreamEvent } from './protocol.ts';
import { createRealtimeStore } from './store.ts';

const handles = (event: StreamEvent) => (event.data as Presence).users.map((u) => u.handle);
const isList = (expected: string[]) => (event: StreamEvent) =>
  event.topic === 'presence' && JSON.stringify(handles(event)) === JSON.stringify(expected);

describeEachEngine('presence on the live channel', ({ db, url }) => {
  let second: Database;
  let one: RunningSteward;
  let two: RunningSteward;
  let people: TestPeople;
  const options = { heartbeatMs: 100, presenceTtlMs: 5_000 };

  beforeAll(async () => {
    const postgresUrl = url();
    second = postgresUrl ? await openDatabase({ url: postgresUrl, poolSize: 3 }) : db();
    one = await startSteward(db(), options);
    two = await startSteward(second, options);
    people = await createPeople(one);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    if (second !== db()) await second?.close();
  });

  it('tells subscribers who is online on any process, as people come and go', async () => {
    const watcher = await StreamClient.connect(one.streamUrl, people.tokens.carol);
    expect(await watcher.subscribe(['presence'])).toMatchObject({ topics: ['presence'] });
    const first = await watcher.nextEvent(isList(['carol']));
    expect(first.type).toBe('presence.changed');
    expect((first.data as Presence).users[0]).toEqual({
      handle: 'carol',
      name: 'Carol Cooper',
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });

    const alice = await StreamClient.connect(two.streamUrl, people.tokens.alice);
    await watcher.nextEvent(isList(['alice', 'carol']));
    const aliceAgain = await StreamClient.connect(one.streamUrl, people.tokens.alice); // a second tab: still one entry
    await alice.close();
    const bob = await StreamClient.connect(one.streamUrl, people.tokens.bob);
    await watcher.nextEvent(isList(['alice', 'bob', 'carol']));

    // A subscriber joining now gets the list at once.
    const late = await StreamClient.connect(two.streamUrl, people.tokens.admin);
    await late.subscribe(['room:elsewhere', 'presence']);
    await late.nextEvent(isList(['admin', 'alice', 'bob', 'carol']));

    await aliceAgain.close();
    await watcher.nextEvent(isList(['admin', 'bob', 'carol']));
    // Never broadcast: bob follows nothing and was sent nothing.
    expect(bob.received).toEqual([]);
    await Promise.all([bob.close(), late.close(), watcher.close()]);
  });

  it('drops the users of a process that stopped renewing them', async () => {
    const store = createRealtimeStore(db(), 'unused');
    await store.upsertPresence(
      'a-process-that-died',
      { userId: 'ghost', handle: 'ghost', name: 'Ghost' },
      300,
    );
    const watcher = await StreamClient.connect(one.streamUrl, people.tokens.carol);
    await watcher.subscribe(['presence']);
    const bob = await StreamClient.connect(two.streamUrl, people.tokens.bob); // a change: the list is read afresh
    const withGhost = await watcher.nextEvent(isList(['bob', 'carol', 'ghost']));
    expect((withGhost.data as Presence).users.find((u) => u.handle === 'ghost')?.name).toBe('Ghost');
    await watcher.nextEvent(isList(['bob', 'carol']), 5_000);
    await Promise.all([bob.close(), watcher.close()]);
  });
});

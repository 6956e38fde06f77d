import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  createPeople,
  type Person,
  type RunningSteward,
  StreamClient,
  startSteward,
  type TestPeople,
} from '../../server/test-stream.ts';
import { type Database, openDatabase } from '../db/database.ts';

// Two Steward processes on one database: on PostgreSQL each has its own connections (LISTEN/NOTIFY
// between them); on PGlite, which one process owns, they share it.
describeEachEngine('the live channel across processes', ({ db, url }) => {
  let second: Database;
  let one: RunningSteward;
  let two: RunningSteward;
  let people: TestPeople;
  const clients: StreamClient[] = [];
  const connect = async (steward: RunningSteward, who: Person) => {
    const client = await StreamClient.connect(steward.streamUrl, people.tokens[who]);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const postgresUrl = url();
    second = postgresUrl ? await openDatabase({ url: postgresUrl, poolSize: 3 }) : db();
    one = await startSteward(db());
    two = await startSteward(second);
    people = await createPeople(one);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await one?.close();
    await two?.close();
    if (second !== db()) await second?.close();
  });

  it('delivers what one process publishes to the other, with the same seqs on both', async () => {
    const onOne = await connect(one, 'alice');
    const onTwo = await connect(two, 'bob');
    await onOne.subscribe(['room:x']);
    await onTwo.subscribe(['room:x']);
    const seqs: number[] = [];
    for (const n of [1, 2, 3]) seqs.push(await one.assembled.realtime.publish('room:x', 'x.n', `one-${n}`));
    for (const n of [1, 2]) seqs.push(await two.assembled.realtime.publish('room:x', 'x.n', `two-${n}`));
    // Then both at once, racing for the topic's counter.
    const racing = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).assembled.realtime.publish('room:x', 'x.n', `race-${i}`),
      ),
    );
    seqs.push(...racing);
    expect(seqs.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const seenOnOne = await onOne.events(25);
    const seenOnTwo = await onTwo.events(25);
    expect(seenOnOne.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(seenOnTwo).toEqual(seenOnOne);
    // Each event carries the seq its publisher was told.
    for (const [i, seq] of seqs.entries()) {
      const expected = i < 3 ? `one-${i + 1}` : i < 5 ? `two-${i - 2}` : `race-${i - 5}`;
      expect(seenOnOne.find((e) => e.seq === seq)?.data).toBe(expected);
    }
  });

  it('carries events too large for a NOTIFY payload, in order with the small ones', async () => {
    const onTwo = await connect(two, 'carol');
    await onTwo.subscribe(['room:big']);
    const big = { text: 'é'.repeat(20_000) }; // 40 kB of UTF-8, five times the NOTIFY limit
    const realtime = one.assembled.realtime;
    await Promise.all([
      realtime.publish('room:big', 'big.small', 1),
      realtime.publish('room:big', 'big.large', big),
      realtime.publish('room:big', 'big.small', 3),
    ]);
    const events = await onTwo.events(3);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'big.small'],
      [2, 'big.large'],
      [3, 'big.small'],
    ]);
    expect(events[1]?.data).toEqual(big);
  });

  it('resumes on another process from the seq seen on the first', async () => {
    const first = await connect(one, 'alice');
    await first.subscribe(['room:move']);
    await one.assembled.realtime.publish('room:move', 'move.step', 1);
    await one.assembled.realtime.publish('room:move', 'move.step', 2);
    expect((await first.events(2)).map((e) => e.seq)).toEqual([1, 2]);
    await first.close();
    await one.assembled.realtime.publish('room:move', 'move.step', 3);
    await one.assembled.realtime.publish('room:move', 'move.step', 4);
    const moved = await connect(two, 'alice');
    await moved.subscribe(['room:move'], { 'room:move': 2 });
    expect((await moved.events(2)).map((e) => [e.seq, e.data])).toEqual([
      [3, 3],
      [4, 4],
    ]);
  });

  it('asks the database when a process started after the events it is asked to resume from', async () => {
    await one.assembled.realtime.publish('room:late', 'late.step', 1);
    await one.assembled.realtime.publish('room:late', 'late.step', 2);
    // A process of its own, whose LISTEN began after those two were announced.
    const postgresUrl = url();
    const lateDatabase = postgresUrl ? await openDatabase({ url: postgresUrl, poolSize: 2 }) : db();
    const late = await startSteward(lateDatabase);
    try {
      const upToDate = await StreamClient.connect(late.streamUrl, people.tokens.bob);
      clients.push(upToDate);
      await upToDate.subscribe(['room:late'], { 'room:late': 2 });
      const behind = await StreamClient.connect(late.streamUrl, people.tokens.carol);
      clients.push(behind);
      await behind.subscribe(['room:late'], { 'room:late': 1 });
      expect(await behind.next()).toMatchObject({ type: 'gap', topic: 'room:late', from: 2 });
      await one.assembled.realtime.publish('room:late', 'late.step', 3);
      expect((await upToDate.events(1)).map((e) => e.seq)).toEqual([3]); // no gap: nothing was missed
      expect((await behind.events(1)).map((e) => e.seq)).toEqual([3]);
    } finally {
      await late.close();
      if (lateDatabase !== db()) await lateDatabase.close();
    }
  });
});

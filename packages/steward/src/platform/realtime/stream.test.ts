import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  createPeople,
  type Person,
  type RunningSteward,
  StreamClient,
  startSteward,
  type TestPeople,
} from '../../server/test-stream.ts';
import { createRealtimeStore } from './store.ts';

const tickMs = 20;

describeEachEngine('the live channel', ({ db }) => {
  let steward: RunningSteward;
  let people: TestPeople;
  const clients: StreamClient[] = [];
  const connect = async (who: Person) => {
    const client = await StreamClient.connect(steward.streamUrl, people.tokens[who]);
    clients.push(client);
    return client;
  };
  const publish = (topic: string, type: string, data: unknown) =>
    steward.assembled.realtime.publish(topic, type, data);

  beforeAll(async () => {
    steward = await startSteward(db(), { tickMs, ringSize: 4 });
    people = await createPeople(steward);
    steward.assembled.realtime.registerTopic({
      kind: 'ops',
      authorise: (principal) => (principal.role === 'admin' ? null : 'only admins follow ops'),
      about: 'tests only',
    });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('refuses an upgrade without credentials, and a plain GET, with problem+json', async () => {
    const anonymous = new WebSocket(steward.streamUrl);
    const [, response] = await once(anonymous, 'unexpected-response');
    expect(response.statusCode).toBe(401);
    const plain = await steward.assembled.app.inject({
      url: '/api/v1/stream',
      headers: { authorization: `Bearer ${people.tokens.alice}` },
    });
    expect(plain.statusCode).toBe(426);
    expect(plain.json().detail).toContain('WebSocket endpoint');
  });

  it('accepts a token offered as a subprotocol, where browsers cannot set headers', async () => {
    const socket = new WebSocket(steward.streamUrl, ['steward.v1', `steward.token.${people.tokens.alice}`]);
    await once(socket, 'open');
    expect(socket.protocol).toBe('steward.v1');
    const client = new StreamClient(socket);
    clients.push(client);
    expect(await client.subscribe(['room:web'])).toEqual({
      type: 'subscribed',
      topics: ['room:web'],
      denied: [],
    });
  });

  it('refuses a wrong subprotocol token, and a token in the query string, which ends up in logs', async () => {
    const wrong = new WebSocket(steward.streamUrl, ['steward.v1', 'steward.token.stw_not-a-token']);
    const [, refused] = await once(wrong, 'unexpected-response');
    expect(refused.statusCode).toBe(401);
    const inQuery = new WebSocket(`${steward.streamUrl}?token=${people.tokens.alice}`);
    const [, response] = await once(inQuery, 'unexpected-response');
    expect(response.statusCode).toBe(401); // not a credential
    const alongside = await steward.assembled.app.inject({
      url: `/api/v1/stream?token=${people.tokens.alice}`,
      headers: { authorization: `Bearer ${people.tokens.alice}` },
    });
    expect(alongside.statusCode).toBe(400);
    expect(alongside.json().detail).toBe('querystring: unknown field "token"; remove it');
  });

  it('takes a portal session from this site, and refuses it from a page on another site', async () => {
    const fromPortal = new WebSocket(steward.streamUrl, {
      headers: { cookie: people.doraCookie, origin: steward.origin },
    });
    await once(fromPortal, 'open');
    const client = new StreamClient(fromPortal);
    clients.push(client);
    expect(await client.subscribe(['presence'])).toMatchObject({ topics: ['presence'] });
    const crossSite = new WebSocket(steward.streamUrl, {
      headers: { cookie: people.doraCookie, origin: 'https://evil.example' },
    });
    const [, response] = await once(crossSite, 'unexpected-response');
    expect(response.statusCode).toBe(403);
  });

  it('replaces the whole topic set with each subscribe', async () => {
    const client = await connect('alice');
    expect(await client.subscribe(['room:a', 'room:b'])).toMatchObject({ topics: ['room:a', 'room:b'] });
    await publish('room:a', 'team.updated', { n: 1 });
    await publish('room:b', 'team.updated', { n: 2 });
    const before = await client.events(2);
    expect(before.map((e) => [e.topic, e.data])).toEqual([
      ['room:a', { n: 1 }],
      ['room:b', { n: 2 }],
    ]);
    expect(await client.subscribe(['room:b'])).toEqual({
      type: 'subscribed',
      topics: ['room:b'],
      denied: [],
    });
    await publish('room:a', 'team.updated', { n: 3 });
    await publish('room:b', 'team.updated', { n: 4 });
    // room:a's event was published first, so had it been sent it would have come first.
    const after = await client.events(1);
    expect(after.map((e) => [e.topic, e.data])).toEqual([['room:b', { n: 4 }]]);
    expect(await client.drain(tickMs * 3)).toEqual([]);
  });

  it('denies topics the principal may not see, and unknown kinds, with reasons', async () => {
    const client = await connect('vera');
    const reply = await client.subscribe(['room:a', 'ops', 'secrets:vault', 'room:a']);
    expect(reply).toEqual({
      type: 'subscribed',
      topics: ['room:a'],
      denied: [
        { topic: 'ops', reason: 'only admins follow ops' },
        {
          topic: 'secrets:vault',
          reason: expect.stringMatching(/^unknown topic kind "secrets"; this server knows .*team/),
        },
      ],
    });
    const admin = await connect('admin');
    expect(await admin.subscribe(['ops'])).toMatchObject({ topics: ['ops'], denied: [] });
  });

  it("lets only a team's members and admins follow team:<name>", async () => {
    const asAdmin = async (method: 'POST' | 'PUT', url: string, payload: object) => {
      const response = await steward.assembled.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${people.tokens.admin}` },
        payload,
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
    };
    await asAdmin('POST', '/api/v1/teams', { name: 'payments' });
    await asAdmin('PUT', '/api/v1/teams/payments/members/alice', { role: 'member' });
    const member = await connect('alice');
    expect(await member.subscribe(['team:payments'])).toMatchObject({
      topics: ['team:payments'],
      denied: [],
    });
    const outsider = await connect('bob');
    expect(await outsider.subscribe(['team:payments', 'room:open'])).toMatchObject({
      topics: ['room:open'],
      denied: [
        {
          topic: 'team:payments',
          reason: 'only members of team payments and admins may follow team:payments',
        },
      ],
    });
    const admin = await connect('admin');
    expect(await admin.subscribe(['team:payments'])).toMatchObject({ topics: ['team:payments'], denied: [] });
  });

  it('answers a malformed message with an error saying what was wrong, and pings with pong', async () => {
    const client = await connect('alice');
    client.send({ type: 'subscribe', topic: 'room:a' });
    const error = await client.next();
    expect(error.type).toBe('error');
    expect(error.type === 'error' && error.message).toMatch(/topics/);
    client.send({ type: 'ping' });
    expect(await client.next()).toEqual({ type: 'pong' });
  });

  it('coalesces the events of one tick into one frame per socket, across topics', async () => {
    const client = await connect('bob');
    await client.subscribe(['room:c1', 'room:c2']);
    const seqs = await Promise.all([
      publish('room:c1', 'x.happened', 1),
      publish('room:c1', 'x.happened', 2),
      publish('room:c2', 'x.happened', 3),
      publish('room:c1', 'x.happened', 4),
      publish('room:c2', 'x.happened', 5),
    ]);
    expect(seqs).toEqual([1, 2, 1, 3, 2]);
    // One NOTIFY carried all five, so they reach the hub within one tick: exactly one frame.
    expect(await client.next()).toEqual({
      type: 'events',
      events: [
        { topic: 'room:c1', seq: 1, type: 'x.happened', data: 1 },
        { topic: 'room:c1', seq: 2, type: 'x.happened', data: 2 },
        { topic: 'room:c2', seq: 1, type: 'x.happened', data: 3 },
        { topic: 'room:c1', seq: 3, type: 'x.happened', data: 4 },
        { topic: 'room:c2', seq: 2, type: 'x.happened', data: 5 },
      ],
    });
    expect(await client.drain(tickMs * 3)).toEqual([]);
  });

  it('replays what a reconnecting client missed, from its last seq', async () => {
    const first = await connect('alice');
    await first.subscribe(['room:r']);
    await publish('room:r', 'r.step', 'one');
    const [seen] = await first.events(1);
    await first.close();
    await publish('room:r', 'r.step', 'two');
    await publish('room:r', 'r.step', 'three');
    const again = await connect('alice');
    expect(await again.subscribe(['room:r'], { 'room:r': seen?.seq ?? -1 })).toMatchObject({
      topics: ['room:r'],
    });
    const replayed = await again.events(2);
    expect(replayed.map((e) => [e.seq, e.data])).toEqual([
      [2, 'two'],
      [3, 'three'],
    ]);
    await publish('room:r', 'r.step', 'four');
    expect((await again.events(1)).map((e) => e.seq)).toEqual([4]);
    expect(await again.drain(tickMs * 3)).toEqual([]); // nothing twice
  });

  it('sends a gap when the missed events are no longer kept', async () => {
    const watcher = await connect('carol');
    await watcher.subscribe(['room:g']);
    for (let i = 1; i <= 6; i++) await publish('room:g', 'g.step', i); // the ring keeps 4: seqs 3..6
    await watcher.events(6); // all six have reached this process (NOTIFY is asynchronous)
    const client = await connect('alice');
    await client.subscribe(['room:g'], { 'room:g': 1 });
    expect(await client.next()).toEqual({
      type: 'gap',
      topic: 'room:g',
      from: 2,
      reason: 'events after seq 1 are no longer kept: reload the topic state',
    });
    const kept = await connect('bob');
    await kept.subscribe(['room:g'], { 'room:g': 2 });
    expect((await kept.events(4)).map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    await publish('room:g', 'g.step', 7);
    expect((await client.events(1)).map((e) => e.seq)).toEqual([7]); // live after the gap
  });

  it('tells live followers when events were lost on the way, then carries on', async () => {
    const client = await connect('bob');
    await client.subscribe(['room:lost']);
    await publish('room:lost', 'l.step', 1);
    expect((await client.events(1)).map((e) => e.seq)).toEqual([1]);
    // Seq 2 is taken but never announced, as when a NOTIFY is lost while the listener reconnects.
    await createRealtimeStore(db(), 'nowhere').publishing(
      (tx) => tx.advanceSeqs(new Map([['room:lost', 1]])),
      true,
    );
    await publish('room:lost', 'l.step', 3);
    expect(await client.next()).toEqual({
      type: 'gap',
      topic: 'room:lost',
      from: 2,
      reason: 'events were lost on the way to this server: reload the topic state',
    });
    expect((await client.events(1)).map((e) => [e.seq, e.data])).toEqual([[3, 3]]);
  });
});

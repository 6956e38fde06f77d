// A live-channel socket lives no longer than the credential it was opened with, on every Steward
// process: two processes on one database (on PostgreSQL each with connections of its own).
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  createPeople,
  type RunningSteward,
  StreamClient,
  startSteward,
  type TestPeople,
} from '../../server/test-stream.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { streamCloseCodes } from './protocol.ts';

describeEachEngine('live-channel streams end with their credentials', ({ db, url }) => {
  let second: Database;
  let one: RunningSteward;
  let two: RunningSteward;
  let people: TestPeople;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    const postgresUrl = url();
    second = postgresUrl ? await openDatabase({ url: postgresUrl, poolSize: 3 }) : db();
    one = await startSteward(db());
    two = await startSteward(second);
    people = await createPeople(one);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    if (second !== db()) await second?.close();
  });

  const api = async (method: string, path: string, body?: object, token = people.tokens.admin) => {
    const response = await one.assembled.app.inject({
      method: method as 'POST',
      url: path,
      headers: { authorization: `Bearer ${token}` },
      ...(body ? { payload: body } : {}),
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const tokenFor = async (owner: string) =>
    (await api('POST', '/api/v1/tokens', { name: `${owner} stream`, owner, scopes: ['read'] })) as {
      id: string;
      secret: string;
    };
  const signIn = async (handle: string, password: string) => {
    const response = await one.assembled.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { handle, password },
    });
    const cookie = response.cookies.find((c) => c.name === 'steward_session')?.value;
    if (!cookie) throw new Error(`${handle} could not sign in: ${response.body}`);
    return { cookie: `steward_session=${cookie}`, csrf: response.json().csrfToken as string };
  };
  /** An open, subscribed socket, and how it closed once it does. */
  const open = async (steward: RunningSteward, headers: Record<string, string>) => {
    const socket = new WebSocket(steward.streamUrl, { headers });
    sockets.push(socket);
    const closed = once(socket, 'close').then(([code, reason]) => ({ code, reason: String(reason) }));
    const client = new StreamClient(socket);
    await once(socket, 'open');
    expect((await client.subscribe(['presence'])).type).toBe('subscribed');
    return { closed };
  };
  const withToken = (steward: RunningSteward, secret: string) =>
    open(steward, { authorization: `Bearer ${secret}` });
  const withCookie = (steward: RunningSteward, cookie: string) => open(steward, { cookie });
  /** The close code and reason the server gave, or 'open' if the socket is still open after a while. */
  const closing = (socket: { closed: Promise<{ code: number; reason: string }> }, waitMs = 3000) =>
    Promise.race([
      socket.closed,
      new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), waitMs)),
    ]);
  const ended = (reason: string | RegExp) => ({
    code: streamCloseCodes.credentialsEnded,
    reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
  });

  it('closes the streams of a revoked token on both processes, and no others', async () => {
    const revoked = await tokenFor('alice');
    const kept = await tokenFor('alice');
    const onOne = await withToken(one, revoked.secret);
    const onTwo = await withToken(two, revoked.secret);
    const other = await withToken(two, kept.secret);
    await api('DELETE', `/api/v1/tokens/${revoked.id}`);
    const reason = 'token alice stream was revoked: use another token';
    expect(await closing(onOne)).toEqual(ended(reason));
    expect(await closing(onTwo)).toEqual(ended(reason));
    expect(await closing(other, 300)).toBe('open');
  });

  it('closes every stream of a disabled user, and a demoted one', async () => {
    const bob = await tokenFor('bob');
    const carol = await tokenFor('carol');
    const bobs = [await withToken(one, bob.secret), await withToken(two, people.tokens.bob)];
    const carols = await withToken(two, carol.secret);
    await api('PATCH', '/api/v1/users/bob', { disabled: true });
    for (const socket of bobs) expect(await closing(socket)).toEqual(ended('user bob was disabled'));
    expect(await closing(carols, 300)).toBe('open');
    await api('PATCH', '/api/v1/users/carol', { role: 'viewer' });
    expect(await closing(carols)).toEqual(ended('your role is now viewer: reconnect'));
  });

  it('closes the stream of a session that signs out', async () => {
    const session = await signIn('dora', 'dora-password-1');
    const socket = await withCookie(two, session.cookie);
    await one.assembled.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      payload: {},
    });
    expect(await closing(socket)).toEqual(ended('signed out: sign in again'));
  });

  it("on a password change closes the owner's other sessions' streams, keeping this session's and the tokens'", async () => {
    const here = await signIn('dora', 'dora-password-1');
    const there = await signIn('dora', 'dora-password-1');
    const token = await tokenFor('dora');
    const [hereSocket, thereSocket, tokenSocket] = [
      await withCookie(one, here.cookie),
      await withCookie(two, there.cookie),
      await withToken(two, token.secret),
    ];
    const changed = await one.assembled.app.inject({
      method: 'PATCH',
      url: '/api/v1/users/dora',
      headers: { cookie: here.cookie, 'x-csrf-token': here.csrf },
      payload: { password: 'dora-password-2', currentPassword: 'dora-password-1' },
    });
    expect(changed.statusCode).toBe(200);
    expect(await closing(thereSocket)).toEqual(ended('your password changed: sign in again'));
    expect(await closing(hereSocket, 300)).toBe('open');
    expect(await closing(tokenSocket, 10)).toBe('open');
    // An admin's reset ends them all.
    await api('PATCH', '/api/v1/users/dora', { password: 'dora-password-3' });
    expect(await closing(hereSocket)).toEqual(ended('an admin reset your password: sign in again'));
    expect(await closing(tokenSocket)).toEqual(ended('an admin reset your password: sign in again'));
  });
});

describeEachEngine('live-channel credentials checked again', ({ db }) => {
  let steward: RunningSteward;
  let people: TestPeople;
  beforeAll(async () => {
    steward = await startSteward(db(), { recheckMs: 100 });
    people = await createPeople(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('closes a stream whose session expired, though no notice says so', async () => {
    const socket = new WebSocket(steward.streamUrl, { headers: { cookie: people.doraCookie } });
    await once(socket, 'open');
    const closed = once(socket, 'close');
    await db()
      .kysely<{ sessions: { expires_at: Date } }>()
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const [code, reason] = await closed;
    expect([code, String(reason)]).toEqual([streamCloseCodes.credentialsEnded, 'your session expired']);
  });

  it('closes a stream whose token was revoked behind the notices’ back', async () => {
    const socket = new WebSocket(steward.streamUrl, {
      headers: { authorization: `Bearer ${people.tokens.carol}` },
    });
    await once(socket, 'open');
    const closed = once(socket, 'close');
    await db()
      .kysely<{ api_tokens: { revoked_at: Date | null; user_id: string } }>()
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .execute();
    const [code, reason] = await closed;
    expect([code, String(reason)]).toEqual([streamCloseCodes.credentialsEnded, 'the token was revoked']);
  });
});

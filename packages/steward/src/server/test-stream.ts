// For the live channel's tests: Steward assembled and listening on a loopback port, people with real
// API tokens issued through the identity API, and a WebSocket client that reads messages in order.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Database } from '../platform/db/database.ts';
import { silentLogger } from '../platform/logging.ts';
import { allowAnyReader, type RealtimeOptions } from '../platform/realtime/index.ts';
import type { ServerMessage, StreamEvent } from '../platform/realtime/protocol.ts';
import { type Assembled, assemble } from './compose.ts';

export interface RunningSteward {
  assembled: Assembled;
  /** ws://127.0.0.1:<port>/api/v1/stream */
  streamUrl: string;
  origin: string;
  /** The first admin's token, when this Steward was the first on its database. */
  adminToken: string | undefined;
  close(): Promise<void>;
}

export async function startSteward(
  database: Database,
  realtime: Partial<RealtimeOptions> = {},
): Promise<RunningSteward> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-realtime-'));
  const assembled = await assemble({
    database,
    logger: silentLogger(),
    config: { bodyLimit: 64 * 1024, webDir: '/nonexistent', dataDir },
    realtime,
  });
  // The channel's own tests follow `room:<name>` topics, which any reader may follow, so what they
  // test is the channel and not one module's rule of who may follow its topics.
  assembled.realtime.registerTopic({ kind: 'room', authorise: allowAnyReader, about: 'tests only' });
  await assembled.app.listen({ host: '127.0.0.1', port: 0 });
  await assembled.start();
  const address = assembled.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let adminToken: string | undefined;
  try {
    adminToken = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  } catch {
    adminToken = undefined; // another Steward on this database made the first admin
  }
  return {
    assembled,
    streamUrl: `ws://127.0.0.1:${port}/api/v1/stream`,
    origin: `http://127.0.0.1:${port}`,
    adminToken,
    async close() {
      await assembled.app.close();
      await assembled.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Person = 'alice' | 'bob' | 'carol' | 'vera' | 'admin';

export interface TestPeople {
  tokens: Record<Person, string>;
  /** dora's portal session cookie (`steward_session=…`). */
  doraCookie: string;
}

/** alice, bob and carol are members, vera a viewer; each gets a token through the identity API. */
export async function createPeople(steward: RunningSteward): Promise<TestPeople> {
  const admin = steward.adminToken;
  if (!admin) throw new Error('people are created through the first Steward on a database');
  const call = async (url: string, payload: object) => {
    const response = await steward.assembled.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${admin}` },
      payload,
    });
    if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const people = [
    { handle: 'alice', name: 'Alice Archer', role: 'member' },
    { handle: 'bob', name: 'Bob Baker', role: 'member' },
    { handle: 'carol', name: 'Carol Cooper', role: 'member' },
    { handle: 'vera', name: 'Vera Viewer', role: 'viewer' },
    { handle: 'dora', name: 'Dora Browser', role: 'member', password: 'dora-password-1' },
  ];
  for (const person of people) await call('/api/v1/users', person);
  const token = async (owner: string, scopes: string[]) =>
    (await call('/api/v1/tokens', { name: `${owner} realtime test`, owner, scopes })).json().secret as string;
  const login = await steward.assembled.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { handle: 'dora', password: 'dora-password-1' },
  });
  const cookie = login.cookies.find((c) => c.name === 'steward_session');
  if (!cookie) throw new Error(`dora could not sign in: ${login.statusCode} ${login.body}`);
  return {
    tokens: {
      alice: await token('alice', ['read', 'write']),
      bob: await token('bob', ['read']),
      carol: await token('carol', ['read']),
      vera: await token('vera', ['read']),
      admin,
    },
    doraCookie: `steward_session=${cookie.value}`,
  };
}

/** A live-channel client whose messages are read one at a time, in the order they came. */
export class StreamClient {
  readonly socket: WebSocket;
  /** Frames received, in order, each as parsed. */
  readonly received: ServerMessage[] = [];
  private cursor = 0;
  private wake: (() => void) | undefined;

  constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      this.received.push(JSON.parse(String(data)));
      this.wake?.();
    });
  }

  static async connect(url: string, token: string): Promise<StreamClient> {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    const client = new StreamClient(socket);
    await once(socket, 'open');
    return client;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  async subscribe(topics: string[], resume?: Record<string, number>): Promise<ServerMessage> {
    this.send(resume ? { type: 'subscribe', topics, resume } : { type: 'subscribe', topics });
    return this.next();
  }

  /** The next message not yet read. */
  async next(timeoutMs = 5_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.cursor >= this.received.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms; read so far: ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.received[this.cursor++] as ServerMessage;
  }

  /** Reads messages until an event matches; answers it. */
  async nextEvent(matches: (event: StreamEvent) => boolean, timeoutMs = 5_000): Promise<StreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await this.next(Math.max(1, deadline - Date.now()));
      if (message.type !== 'events') continue;
      const found = message.events.find(matches);
      if (found) return found;
    }
  }

  /** Reads frames until `count` events have come; fails on anything else. */
  async events(count: number, timeoutMs = 5_000): Promise<StreamEvent[]> {
    const events: StreamEvent[] = [];
    while (events.length < count) {
      const message = await this.next(timeoutMs);
      if (message.type !== 'events') throw new Error(`expected events, got ${JSON.stringify(message)}`);
      events.push(...message.events);
    }
    return events;
  }

  /** Waits, then answers the messages that came meanwhile (and marks them read). */
  async drain(ms: number): Promise<ServerMessage[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const unread = this.received.slice(this.cursor);
    this.cursor = this.received.length;
    return unread;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await once(this.socket, 'close');
  }

  private describe(): string {
    return JSON.stringify(this.received.slice(-5)).slice(0, 500);
  }
}

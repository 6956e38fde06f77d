// For the live channel's tests: Steward assembled and listening on a loopback port, principals
// recognised by their test tokens, and a WebSocket client that reads messages in order.
import { once } from 'node:events';
import WebSocket from 'ws';
import { type Assembled, assemble } from '../../server/compose.ts';
import type { Authenticator, Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { silentLogger } from '../logging.ts';
import type { RealtimeOptions } from './index.ts';
import type { ServerMessage, StreamEvent } from './protocol.ts';

const person = (handle: string, overrides: Partial<Principal> = {}): Principal => ({
  userId: `user-${handle}`,
  handle,
  role: 'member',
  scopes: ['read', 'write'],
  teamIds: [],
  via: 'token',
  ...overrides,
});

/** Each is recognised by the bearer token `<key>-token`. */
export const people = {
  alice: person('alice'),
  bob: person('bob'),
  carol: person('carol'),
  admin: person('root', { role: 'admin', scopes: ['read', 'write', 'admin'] }),
  browser: person('dora', { via: 'session' }),
};

export const testAuthenticator: Authenticator = {
  async authenticate(request) {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? header.replace(/^Bearer /, '') : undefined;
    const key = token?.replace(/-token$/, '') as keyof typeof people | undefined;
    return key && key in people ? people[key] : null;
  },
};

export interface RunningSteward {
  assembled: Assembled;
  /** ws://127.0.0.1:<port>/api/v1/stream */
  streamUrl: string;
  close(): Promise<void>;
}

export async function startSteward(
  database: Database,
  realtime: Partial<RealtimeOptions> = {},
): Promise<RunningSteward> {
  const assembled = await assemble({
    database,
    logger: silentLogger(),
    config: { bodyLimit: 64 * 1024, webDir: '/nonexistent', dataDir: '/nonexistent' },
    authenticator: testAuthenticator,
    realtime,
  });
  await assembled.app.listen({ host: '127.0.0.1', port: 0 });
  await assembled.start();
  const address = assembled.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    assembled,
    streamUrl: `ws://127.0.0.1:${port}/api/v1/stream`,
    async close() {
      await assembled.app.close();
      await assembled.stop();
    },
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

  static async connect(url: string, who: keyof typeof people): Promise<StreamClient> {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${who}-token` } });
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

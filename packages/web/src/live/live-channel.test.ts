// The live-channel client against a scripted WebSocket server: subscribing, dropping replayed events,
// reconnecting after a drop and resuming from the last seq seen per topic, and gaps.
import type { AddressInfo } from 'node:net';
import type { ClientMessage, ServerMessage, StreamEvent } from '@steward/steward/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { LiveChannel, type LiveStatus } from './live-channel.ts';

interface ScriptedServer {
  url: string;
  /** Resolves with the next connection's socket and its first message. */
  nextConnection(): Promise<{ socket: WebSocket; first: ClientMessage }>;
  connections(): number;
  close(): Promise<void>;
}

async function scriptedServer(): Promise<ScriptedServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const waiting: ((value: { socket: WebSocket; first: ClientMessage }) => void)[] = [];
  const arrived: { socket: WebSocket; first: ClientMessage }[] = [];
  let connections = 0;
  server.on('connection', (socket) => {
    connections++;
    socket.once('message', (data) => {
      const connection = { socket, first: JSON.parse(String(data)) as ClientMessage };
      const waiter = waiting.shift();
      if (waiter) waiter(connection);
      else arrived.push(connection);
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    nextConnection: () =>
      new Promise((resolve) => {
        const ready = arrived.shift();
        if (ready) resolve(ready);
        else waiting.push(resolve);
      }),
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const send = (socket: WebSocket, message: ServerMessage) => socket.send(JSON.stringify(message));
const presenceEvent = (seq: number, handles: string[]): StreamEvent => ({
  topic: 'presence',
  seq,
  type: 'presence.changed',
  data: { users: handles.map((handle) => ({ handle, name: handle, since: '2026-01-01T00:00:00.000Z' })) },
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('LiveChannel', () => {
  let server: ScriptedServer;
  let channel: LiveChannel;
  const received: number[] = [];
  const statuses: LiveStatus[] = [];
  let gaps = 0;

  beforeEach(async () => {
    server = await scriptedServer();
    received.length = 0;
    statuses.length = 0;
    gaps = 0;
    channel = new LiveChannel(server.url);
    channel.onStatus((status) => statuses.push(status));
    channel.follow('presence', { onEvent: (event) => received.push(event.seq), onGap: () => gaps++ });
  });

  afterEach(async () => {
    channel.close();
    await server.close();
  });

  it('subscribes to the followed topics and delivers their events in order', async () => {
    const { socket, first } = await server.nextConnection();
    expect(first).toEqual({ type: 'subscribe', topics: ['presence'] });
    send(socket, { type: 'subscribed', topics: ['presence'], denied: [] });
    send(socket, { type: 'events', events: [presenceEvent(1, ['ada']), presenceEvent(2, ['ada', 'bo'])] });
    await until(() => received.length === 2, 'two events');
    expect(received).toEqual([1, 2]);
    expect(channel.status).toBe('live');
  });

  it('reconnects after a drop, resumes from the last seq, and ignores events it already has', async () => {
    const firstConnection = await server.nextConnection();
    send(firstConnection.socket, { type: 'subscribed', topics: ['presence'], denied: [] });
    send(firstConnection.socket, { type: 'events', events: [presenceEvent(4, ['ada'])] });
    await until(() => received.length === 1, 'the first event');
    firstConnection.socket.terminate();

    const second = await server.nextConnection();
    expect(second.first).toEqual({ type: 'subscribe', topics: ['presence'], resume: { presence: 4 } });
    expect(statuses).toContain('offline');
    send(second.socket, { type: 'subscribed', topics: ['presence'], denied: [] });
    send(second.socket, { type: 'events', events: [presenceEvent(4, ['ada']), presenceEvent(5, [])] });
    await until(() => received.includes(5), 'the event after the resume');
    expect(received).toEqual([4, 5]);
    expect(channel.status).toBe('live');
  });

  it('on a gap tells the follower, forgets the seq, and takes the next event whatever its seq', async () => {
    const { socket } = await server.nextConnection();
    send(socket, { type: 'subscribed', topics: ['presence'], denied: [] });
    send(socket, { type: 'events', events: [presenceEvent(9, ['ada'])] });
    await until(() => received.length === 1, 'the first event');
    send(socket, { type: 'gap', topic: 'presence', from: 10, reason: 'lost' });
    send(socket, { type: 'events', events: [presenceEvent(3, ['bo'])] });
    await until(() => received.length === 2, 'the event after the gap');
    expect(gaps).toBe(1);
    expect(received).toEqual([9, 3]);
  });

  it('tells a follower once its topic is confirmed with nothing to resume, so it loads what it may have missed', async () => {
    let confirmed = 0;
    channel.follow('catalog', { onEvent: () => {}, onSubscribed: () => confirmed++ });
    const first = await server.nextConnection();
    send(first.socket, { type: 'subscribed', topics: ['presence', 'catalog'], denied: [] });
    await until(() => confirmed === 1, 'the first confirmation');
    send(first.socket, { type: 'subscribed', topics: ['presence', 'catalog', 'team:platform'], denied: [] });
    send(first.socket, { type: 'events', events: [presenceEvent(1, ['ada'])] });
    await until(() => received.length === 1, 'an event after it');
    expect(confirmed).toBe(1);

    // After a drop, a topic with no event to resume from is confirmed anew: it may have missed changes.
    first.socket.terminate();
    const second = await server.nextConnection();
    send(second.socket, { type: 'subscribed', topics: ['presence', 'catalog'], denied: [] });
    await until(() => confirmed === 2, 'the confirmation after the drop');
    expect(gaps).toBe(0);
  });

  it('sends the new topic set when a follower stops, and stops reconnecting once closed', async () => {
    const { socket } = await server.nextConnection();
    const messages: ClientMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    send(socket, { type: 'subscribed', topics: ['presence'], denied: [] });
    await until(() => channel.status === 'live', 'live');
    const stop = channel.follow('team:platform', { onEvent: () => {} });
    await until(() => messages.length === 1, 'the second subscribe');
    stop();
    await until(() => messages.length === 2, 'the third subscribe');
    expect(messages).toEqual([
      { type: 'subscribe', topics: ['presence', 'team:platform'] },
      { type: 'subscribe', topics: ['presence'] },
    ]);
    channel.close();
    await new Promise((resolve) => setTimeout(resolve, 700)); // longer than the first backoff
    expect(server.connections()).toBe(1);
  });
});

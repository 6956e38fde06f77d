// The peer of bench/stream-fanout: a bare `ws` server doing the least a batching fan-out can do.
// It speaks the same frames as Steward's hub (subscribe → subscribed, then `events` frames), numbers
// events per topic in memory, and once per tick serialises one frame and sends it to every subscriber.
import { once } from 'node:events';
import { type WebSocket, WebSocketServer } from 'ws';

export interface FanOutServer {
  /** Where subscribers connect; with several, subscriber i connects to the (i mod n)th. */
  urls: string[];
  publish(topic: string, type: string, data: unknown): void;
  close(): Promise<void>;
}

export async function startRawServer(tickMs: number): Promise<FanOutServer> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    perMessageDeflate: false,
    maxPayload: 64 * 1024,
  });
  await once(server, 'listening');
  const followers = new Map<string, Set<WebSocket>>();
  const seqs = new Map<string, number>();
  let tick: string[] = [];
  let tickTopic = '';
  let timer: NodeJS.Timeout | undefined;

  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; topics?: string[] };
      if (message.type !== 'subscribe' || !message.topics) return;
      for (const topic of message.topics) {
        const set = followers.get(topic);
        if (set) set.add(socket);
        else followers.set(topic, new Set([socket]));
      }
      socket.send(JSON.stringify({ type: 'subscribed', topics: message.topics, denied: [] }));
    });
    socket.on('close', () => {
      for (const set of followers.values()) set.delete(socket);
    });
  });

  // The bench publishes to one topic, so one frame per tick serves every subscriber.
  const flush = () => {
    timer = undefined;
    const frame = Buffer.from(`{"type":"events","events":[${tick.join(',')}]}`);
    tick = [];
    for (const socket of followers.get(tickTopic) ?? []) socket.send(frame, { binary: false });
  };

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    urls: [`ws://127.0.0.1:${port}/`],
    publish(topic, type, data) {
      const seq = (seqs.get(topic) ?? 0) + 1;
      seqs.set(topic, seq);
      tick.push(JSON.stringify({ topic, seq, type, data }));
      tickTopic = topic;
      timer ??= setTimeout(flush, tickMs);
    },
    async close() {
      clearTimeout(timer);
      for (const socket of server.clients) socket.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// The live channel of one process: its sockets, who follows which topic, and the tick that coalesces
// events into one frame per socket. Events arrive from the bus already serialised; a frame is built
// once per distinct set of topics in a tick and the same bytes are written to every socket that wants it.
import type { WebSocket } from 'ws';
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../logging.ts';
import type { BusEvent } from './bus-codec.ts';
import { Connection, type ConnectionLimits } from './connection.ts';
import { type ClientMessage, clientMessageSchema } from './protocol.ts';
import { RingStore } from './ring.ts';
import { startFollowing } from './start-following.ts';
import type { TopicRegistry } from './topics.ts';

export interface HubOptions extends ConnectionLimits {
  /** Events within this many milliseconds go to a socket as one frame. */
  tickMs: number;
  /** Recent events kept per topic for resuming clients. */
  ringSize: number;
  /** Topics whose recent events are kept; the least recently published is forgotten first. */
  ringTopics: number;
}

export interface HubDeps {
  options: HubOptions;
  topics: TopicRegistry;
  latestSeq: (topic: string) => Promise<number>;
  logger: Logger;
  onOpen?: (principal: Principal) => void;
  onClose?: (principal: Principal) => void;
  onSlowConsumer?: (unsentBytes: number) => void;
}

export type Hub = ReturnType<typeof createHub>;

export function createHub(deps: HubDeps) {
  const { options, logger } = deps;
  const connections = new Set<Connection>();
  const followers = new Map<string, Set<Connection>>();
  const rings = new RingStore(options.ringSize, options.ringTopics);
  let tick: BusEvent[] = [];
  let tickTimer: NodeJS.Timeout | undefined;

  /** Sends the tick's events now: one frame per socket, shared by sockets following the same topics. */
  function flushTick(): void {
    clearTimeout(tickTimer);
    tickTimer = undefined;
    const events = tick;
    if (events.length === 0) return;
    tick = [];
    const topics = [...new Set(events.map((e) => e.topic))];
    if (topics.length === 1) {
      const frame = eventsFrame(events);
      for (const connection of followers.get(topics[0] as string) ?? []) connection.send(frame);
      return;
    }
    const topicsOf = new Map<Connection, string[]>();
    for (const topic of topics) {
      for (const connection of followers.get(topic) ?? []) {
        const list = topicsOf.get(connection);
        if (list) list.push(topic);
        else topicsOf.set(connection, [topic]);
      }
    }
    const frames = new Map<string, Buffer>();
    for (const [connection, wanted] of topicsOf) {
      const key = wanted.join(' ');
      let frame = frames.get(key);
      if (!frame) {
        const set = new Set(wanted);
        frame = eventsFrame(events.filter((e) => set.has(e.topic)));
        frames.set(key, frame);
      }
      connection.send(frame);
    }
  }

  /** Takes one event from the bus (any process's), in seq order per topic. */
  function deliver(event: BusEvent): void {
    const missedFrom = rings.push(event);
    const following = followers.get(event.topic);
    if (!following || following.size === 0) return;
    if (missedFrom !== undefined) {
      flushTick();
      const gap = JSON.stringify({
        type: 'gap',
        topic: event.topic,
        from: missedFrom,
        reason: 'events were lost on the way to this server: reload the topic state',
      });
      for (const connection of following) connection.send(gap);
    }
    tick.push(event);
    tickTimer ??= setTimeout(flushTick, options.tickMs);
  }

  function follow(connection: Connection, topic: string): void {
    connection.live.add(topic);
    const set = followers.get(topic);
    if (set) set.add(connection);
    else followers.set(topic, new Set([connection]));
  }

  function unfollow(connection: Connection, topic: string): void {
    connection.live.delete(topic);
    const set = followers.get(topic);
    set?.delete(connection);
    if (set?.size === 0) followers.delete(topic);
  }

  const following = {
    rings,
    topics: deps.topics,
    latestSeq: deps.latestSeq,
    logger,
    follow,
    /** Sends this tick's events of the topic now, so a replay that includes them does not repeat them. */
    flushTopic(topic: string) {
      if (tick.some((e) => e.topic === topic)) flushTick();
    },
    eventsFrame,
  };

  async function subscribe(connection: Connection, topics: string[], resume: Record<string, number> = {}) {
    const unique = [...new Set(topics)];
    const reasons = await Promise.all(unique.map((t) => deps.topics.authorise(connection.principal, t)));
    if (connection.closed) return;
    const granted = unique.filter((_, i) => reasons[i] === null);
    const denied = unique.flatMap((topic, i) => {
      const reason = reasons[i];
      return reason == null ? [] : [{ topic, reason }];
    });
    connection.sendMessage({ type: 'subscribed', topics: granted, denied });
    connection.wanted = new Set(granted);
    for (const topic of [...connection.live]) if (!connection.wanted.has(topic)) unfollow(connection, topic);
    const starting = granted.filter((t) => !connection.live.has(t));
    await Promise.all(starting.map((t) => startFollowing(following, connection, t, resume[t])));
  }

  function onMessage(connection: Connection, data: Buffer, isBinary: boolean): void {
    const message = parseClientMessage(data, isBinary);
    if (typeof message === 'string') {
      connection.sendMessage({ type: 'error', message });
    } else if (message.type === 'ping') {
      connection.sendMessage({ type: 'pong' });
    } else {
      connection.subscribing = connection.subscribing
        .then(() => subscribe(connection, message.topics, message.resume))
        .catch((error) => logger.error({ err: error }, 'live-channel subscribe failed'));
    }
  }

  function detach(connection: Connection, slowBytes?: number): void {
    connections.delete(connection);
    for (const topic of [...connection.live]) unfollow(connection, topic);
    connection.wanted.clear();
    if (slowBytes !== undefined) {
      logger.warn(
        { user: connection.principal.handle, unsentBytes: slowBytes },
        'closed a live-channel socket that did not keep up',
      );
      deps.onSlowConsumer?.(slowBytes);
    }
    deps.onClose?.(connection.principal);
  }

  /**
   * Notifications were lost on the way to this process (its database listener reconnected): any
   * followed topic may have moved on unseen. Its followers get a gap (reload the topic state), and the
   * rings, which have holes now, start afresh.
   */
  function missedEvents(): void {
    flushTick();
    for (const [topic, following] of followers) {
      const gap = JSON.stringify({
        type: 'gap',
        topic,
        from: (rings.get(topic)?.newest()?.seq ?? 0) + 1,
        reason:
          'this server lost its database connection for a while and may have missed events: reload the topic state',
      });
      for (const connection of following) connection.send(gap);
    }
    rings.clear();
  }

  return {
    deliver,
    missedEvents,
    /** Takes over an upgraded socket of an authenticated principal. */
    accept(socket: WebSocket, principal: Principal): void {
      const connection = new Connection(socket, principal, options, detach);
      connections.add(connection);
      socket.on('message', (data, isBinary) => onMessage(connection, data as Buffer, isBinary));
      socket.on('close', () => connection.detach());
      socket.on('pong', () => {
        connection.answeredPing = true;
      });
      deps.onOpen?.(principal);
    },
    /** Pings every socket; one that did not answer the previous ping is cut (its peer is gone). */
    keepAlive(): void {
      for (const connection of connections) {
        if (!connection.answeredPing) {
          connection.socket.terminate();
          continue;
        }
        connection.answeredPing = false;
        connection.socket.ping();
      }
    },
    connectionCount: () => connections.size,
    /** The principal of every open socket, for checking their credentials still hold. */
    principals: (): Principal[] => [...connections].map((c) => c.principal),
    /** Ends the sockets whose principal matches, with the close code and reason given. */
    endWhere(matches: (principal: Principal) => boolean, code: number, reason: string): number {
      let ended = 0;
      for (const connection of [...connections]) {
        if (!matches(connection.principal)) continue;
        connection.end(code, reason);
        ended++;
      }
      return ended;
    },
    stop(): void {
      flushTick();
      for (const connection of connections) connection.socket.close(1001, 'Steward is shutting down');
    },
  };
}

export function eventsFrame(events: BusEvent[]): Buffer {
  return Buffer.from(`{"type":"events","events":[${events.map((e) => e.json).join(',')}]}`);
}

function parseClientMessage(data: Buffer, isBinary: boolean): ClientMessage | string {
  if (isBinary) return 'send text frames holding JSON, e.g. {"type":"subscribe","topics":["presence"]}';
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    return 'not JSON: send e.g. {"type":"subscribe","topics":["presence"]}';
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  return parsed.error.issues
    .map((issue) => `${['message', ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}

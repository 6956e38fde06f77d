// The live channel: modules `publish(topic, type, data)` and register who may follow their topic kinds;
// browsers follow topics over one WebSocket, with the same events and seqs on every Steward process.
import { randomUUID } from 'node:crypto';
import { Counter } from 'prom-client';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import type { Metrics } from '../metrics.ts';
import { createEventBus } from './bus.ts';
import { createHub, type HubOptions } from './hub.ts';
import { createPresence, presenceTopic } from './presence.ts';
import { type StreamAcceptor, streamRoutes } from './routes.ts';
import { createRealtimeStore } from './store.ts';
import { type CredentialCheck, createStreamEnder, type StreamSelector } from './stream-credentials.ts';
import {
  allowAnyReader,
  createTopicRegistry,
  type TopicDefinition,
  type TopicDescription,
} from './topics.ts';

export type { CredentialCheck, StreamSelector } from './stream-credentials.ts';
export type { TopicAuthoriser, TopicDefinition, TopicOptions } from './topics.ts';
export { allowAnyReader, streamRoutes };

export interface RealtimeOptions extends HubOptions {
  /** Keepalive pings, presence renewal and clean-up run this often. */
  heartbeatMs: number;
  /** A process's presence rows outlive its last heartbeat by this long. */
  presenceTtlMs: number;
  /** The least time between two batches of publishes (each a database round): bounds their rate. */
  publishBatchMs: number;
  /** Largest event data accepted by publish, as JSON bytes. */
  maxEventBytes: number;
  /** How long events too large for a NOTIFY stay in the database for other processes to fetch. */
  storedEventRetentionMs: number;
  /** How often the credentials of open sockets are checked again (expired sessions, missed notices). */
  recheckMs: number;
}

export const defaultRealtimeOptions: RealtimeOptions = {
  tickMs: 16,
  ringSize: 256,
  ringTopics: 10_000,
  slowConsumerBytes: 1024 * 1024,
  closeGraceMs: 5_000,
  heartbeatMs: 10_000,
  presenceTtlMs: 30_000,
  publishBatchMs: 10,
  maxEventBytes: 256 * 1024,
  storedEventRetentionMs: 10 * 60_000,
  recheckMs: 60_000,
};

export interface Realtime extends StreamAcceptor {
  /** Publishes to a topic's followers on every process; answers the event's seq (failures are logged). */
  publish(topic: string, type: string, data: unknown): Promise<number>;
  /** Says who may follow topics of a kind (`team` → `team:<name>`); unknown kinds are refused. */
  registerTopic(topic: TopicDefinition): void;
  /** The topic kinds registered so far, with who may follow each and what it carries. */
  describeTopics(): TopicDescription[];
  connectionCount(): number;
  /**
   * Closes (code 4401, with the reason) the sockets opened with credentials that just ended, on every
   * process on the database. Call it after the change that ended them has committed.
   */
  endStreams(selectors: StreamSelector[], reason: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface RealtimeDeps {
  database: Database;
  logger: Logger;
  metrics: Metrics;
  options?: Partial<RealtimeOptions>;
  /** Says which open sockets' credentials no longer hold; without it only notices close sockets. */
  checkCredentials?: CredentialCheck | undefined;
}

const channel = 'steward_realtime';

export function createRealtime({
  database,
  logger,
  metrics,
  options: overrides,
  checkCredentials,
}: RealtimeDeps): Realtime {
  const options = { ...defaultRealtimeOptions, ...overrides };
  const store = createRealtimeStore(database, channel);
  const topics = createTopicRegistry(logger);
  const slowClosed = new Counter({
    name: 'steward_realtime_slow_consumers_closed_total',
    help: 'Live-channel sockets closed with 4008 because their unsent backlog passed the limit.',
    registers: [metrics.registry],
  });
  const hub = createHub({
    options,
    topics,
    latestSeq: (topic) => store.latestSeq(topic),
    logger,
    onOpen: (principal) => presence.opened(principal),
    onClose: (principal) => presence.closed(principal),
    onSlowConsumer: () => slowClosed.inc(),
  });
  const bus = createEventBus({
    store,
    listen: (handler, listenOptions) => database.listen(channel, handler, listenOptions),
    logger,
    onEvent: hub.deliver,
    onMissed: hub.missedEvents,
    maxEventBytes: options.maxEventBytes,
    batchMs: options.publishBatchMs,
  });
  const presence = createPresence({
    store,
    bus,
    logger,
    processId: randomUUID(),
    ttlMs: options.presenceTtlMs,
  });
  const ender = createStreamEnder({
    database,
    logger,
    endWhere: hub.endWhere,
    principals: hub.principals,
    check: checkCredentials,
  });
  topics.registerTopic({
    kind: presenceTopic,
    authorise: allowAnyReader,
    current: () => presence.current(),
    about: 'who is online now (each event is the whole list); any reader may follow it',
  });
  metrics.gauge('steward_realtime_sockets', 'Open live-channel sockets on this process.', [], (g) =>
    g.set(hub.connectionCount()),
  );

  let heartbeat: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  return {
    publish: (topic, type, data) => bus.publish(topic, type, data),
    registerTopic: topics.registerTopic,
    describeTopics: topics.describeTopics,
    accept: hub.accept,
    connectionCount: hub.connectionCount,
    endStreams: ender.endStreams,
    async start() {
      await bus.start();
      await ender.start();
      recheck = setInterval(() => {
        ender
          .recheck()
          .catch((error) => logger.warn({ err: error }, 'could not recheck live-channel credentials'));
      }, options.recheckMs);
      recheck.unref();
      heartbeat = setInterval(() => {
        hub.keepAlive();
        void presence.renew();
        store
          .deletePayloadsOlderThan(options.storedEventRetentionMs)
          .catch((error) => logger.warn({ err: error }, 'could not clean up stored live-channel events'));
      }, options.heartbeatMs);
      heartbeat.unref();
    },
    async stop() {
      clearInterval(heartbeat);
      clearInterval(recheck);
      await ender.stop();
      hub.stop();
      await presence.stop();
      await bus.stop();
    },
  };
}

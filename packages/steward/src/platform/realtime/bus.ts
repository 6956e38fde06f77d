// Carries published events to every Steward process through LISTEN/NOTIFY (in-process on PGlite).
//
// Sequence numbers come from the database: the publisher adds to its topic's counter and NOTIFYs in one
// transaction. The counter's row lock orders the publishers of a topic, NOTIFY delivers in commit order,
// so every process sees a topic's events with the same seqs, in seq order, whichever process published
// them and whichever one a client reconnects to. A per-process counter in the payload could not give
// two processes publishing to one topic the same numbering. Publishes are batched per event-loop turn:
// one transaction carries many events.
import type { ListenOptions } from '../db/notifications.ts';
import { invalid } from '../errors.ts';
import type { Logger } from '../logging.ts';
import {
  type BusEvent,
  decodeLine,
  decodePayload,
  encodeLine,
  eventJson,
  fitsInPayload,
  packPayloads,
  refLine,
  type StoredEventRef,
} from './bus-codec.ts';
import { topicSchema } from './protocol.ts';
import type { RealtimeStore, RealtimeTx } from './store.ts';

export interface EventBus {
  /** Publishes an event; answers its seq. Failures are logged, so the promise may be left unawaited. */
  publish(topic: string, type: string, data: unknown): Promise<number>;
  /** Publishes an event whose data is computed while its topic is locked: for whole-state topics. */
  publishComputed(
    topic: string,
    type: string,
    compute: (tx: RealtimeTx) => Promise<unknown>,
  ): Promise<number>;
  start(): Promise<void>;
  /** Announces what is still queued, then stops listening. */
  stop(): Promise<void>;
}

export interface EventBusOptions {
  store: RealtimeStore;
  listen: (handler: (payload: string) => void, options: ListenOptions) => Promise<() => Promise<void>>;
  /** Notifications were lost (the database listener reconnected): followers may have missed events. */
  onMissed: () => void;
  logger: Logger;
  /** Receives every event of every process, in seq order per topic. */
  onEvent: (event: BusEvent) => void;
  maxEventBytes: number;
  /** The least time between the starts of two batches of publishes. */
  batchMs: number;
}

interface Outgoing {
  topic: string;
  type: string;
  dataJson?: string;
  compute?: (tx: RealtimeTx) => Promise<unknown>;
  resolve(seq: number): void;
  reject(error: unknown): void;
}

const maxBatch = 500;

export function createEventBus(options: EventBusOptions): EventBus {
  const { store, logger } = options;
  const queue: Outgoing[] = [];
  let draining: Promise<void> | undefined;
  let lastBatchAt = Number.NEGATIVE_INFINITY;
  let unlisten: (() => Promise<void>) | undefined;

  function enqueue(item: Omit<Outgoing, 'resolve' | 'reject'>): Promise<number> {
    const published = new Promise<number>((resolve, reject) => queue.push({ ...item, resolve, reject }));
    published.catch(() => {}); // logged by the drain; awaiting callers still see the error
    kick();
    return published;
  }

  function kick(): void {
    draining ??= drain().finally(() => {
      draining = undefined;
      if (queue.length > 0) kick();
    });
  }

  /**
   * Each batch costs database work (on PGlite, this process's CPU), and subscribers get events per tick
   * anyway. A batch starts at most every `batchMs`: a publish after a quiet spell goes out at once
   * (with whatever else was published in the same turn), and under load publishes share batches.
   */
  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const wait = lastBatchAt + options.batchMs - performance.now();
      await new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
      lastBatchAt = performance.now();
      await announceBatch(queue.splice(0, maxBatch));
    }
  }

  async function announceBatch(batch: Outgoing[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const atomic = batch.some((item) => item.compute !== undefined);
        const seqs = await store.publishing((tx) => writeBatch(tx, batch), atomic);
        for (const [i, item] of batch.entries()) item.resolve(seqs[i] as number);
        return;
      } catch (error) {
        if (attempt < 3 && isTransient(error)) continue;
        logger.error({ err: error, events: batch.length }, 'could not publish live-channel events');
        for (const item of batch) item.reject(error);
        return;
      }
    }
  }

  const inbound = createInbound(options);

  return {
    publish(topic, type, data) {
      checkTopicAndType(topic, type);
      const dataJson = JSON.stringify(data) ?? 'null';
      const bytes = Buffer.byteLength(dataJson);
      if (bytes > options.maxEventBytes) {
        throw invalid(
          `the ${type} event for ${topic} is ${bytes} bytes of JSON; the live channel carries at most ${options.maxEventBytes}: publish an id and let clients fetch the rest`,
        );
      }
      return enqueue({ topic, type, dataJson });
    },
    publishComputed(topic, type, compute) {
      checkTopicAndType(topic, type);
      return enqueue({ topic, type, compute });
    },
    async start() {
      unlisten = await options.listen(inbound, { onMissed: options.onMissed });
    },
    async stop() {
      while (draining) await draining;
      await unlisten?.();
      unlisten = undefined;
    },
  };
}

async function writeBatch(tx: RealtimeTx, batch: Outgoing[]): Promise<number[]> {
  const counts = new Map<string, number>();
  for (const item of batch) counts.set(item.topic, (counts.get(item.topic) ?? 0) + 1);
  const last = await tx.advanceSeqs(counts);
  const next = new Map([...counts].map(([topic, count]) => [topic, (last.get(topic) ?? count) - count + 1]));
  const lines: string[] = [];
  const seqs: number[] = [];
  for (const item of batch) {
    const seq = next.get(item.topic) as number;
    next.set(item.topic, seq + 1);
    seqs.push(seq);
    const dataJson = item.dataJson ?? JSON.stringify(await item.compute?.(tx)) ?? 'null';
    const line = encodeLine({
      topic: item.topic,
      seq,
      json: eventJson(item.topic, seq, item.type, dataJson),
    });
    lines.push(fitsInPayload(line) ? line : refLine(await tx.storePayload(line)));
  }
  await tx.announce(packPayloads(lines));
  return seqs;
}

/** Decodes notifications and hands their events on in arrival order, fetching stored ones first. */
function createInbound(options: EventBusOptions): (payload: string) => void {
  const { store, logger, onEvent } = options;
  let waiting: Promise<void> | undefined;
  let queued = 0;

  const deliver = (events: BusEvent[]) => {
    for (const event of events) {
      try {
        onEvent(event);
      } catch (error) {
        logger.error({ err: error, topic: event.topic }, 'could not deliver a live-channel event');
      }
    }
  };

  async function fetchStored(items: Array<BusEvent | StoredEventRef>): Promise<BusEvent[]> {
    const ids = items.flatMap((item) => ('ref' in item ? [item.ref] : []));
    const bodies = await store.payloads(ids);
    return items.flatMap((item) => {
      if (!('ref' in item)) return [item];
      const body = bodies.get(item.ref);
      if (body !== undefined) return [decodeLine(body)];
      logger.warn({ id: item.ref }, 'a stored live-channel event is gone; its subscribers will see a gap');
      return [];
    });
  }

  return (payload) => {
    let items: Array<BusEvent | StoredEventRef>;
    try {
      items = decodePayload(payload);
    } catch (error) {
      logger.warn({ err: error }, 'ignored a malformed live-channel notification');
      return;
    }
    if (!waiting && items.every((item) => !('ref' in item))) {
      deliver(items as BusEvent[]);
      return;
    }
    queued++;
    waiting = (waiting ?? Promise.resolve())
      .then(() => fetchStored(items))
      .then(deliver, (error) => logger.error({ err: error }, 'could not fetch stored live-channel events'))
      .finally(() => {
        if (--queued === 0) waiting = undefined;
      });
  };
}

function checkTopicAndType(topic: string, type: string): void {
  if (!topicSchema.safeParse(topic).success) {
    throw invalid(`cannot publish to ${JSON.stringify(topic)}: a topic looks like kind or kind:name`);
  }
  if (!/^[a-z][a-zA-Z0-9._-]{0,99}$/.test(type)) {
    throw invalid(`event type ${JSON.stringify(type)} must look like team.updated (letters, digits, . _ -)`);
  }
}

function isTransient(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

// Delivers domain events to this server's subscribers: every committed event, in commit order, at
// least once. A NOTIFY (or a poll, should one be lost) wakes the reader, which reads on from its
// cursor; after the listener reconnects it reads on from there too. A server starts at the current
// end: its in-memory views load fresh. When events it needs were pruned, or a handler failed, the
// subscriber's resync runs (a full reload). Shared subscriptions (`onOnce`) are handled by one server
// per event, whichever claims it first: the live channel's `catalog.changed` is published once.
import type { Logger } from '../logging.ts';
import type { EventDefinition } from './definition.ts';
import type { EventLog, StoredEvent } from './event-log.ts';

export interface EventMeta {
  seq: number;
}

type Handler<Data> = (data: Data, meta: EventMeta) => Promise<void> | void;

interface Subscription {
  subscriber: string;
  event: EventDefinition<unknown>;
  handler: Handler<unknown>;
}

export interface DomainEvents {
  /** Every server's `subscriber` runs `handler` for each `event`, in commit order. */
  on<Data>(event: EventDefinition<Data>, subscriber: string, handler: Handler<Data>): void;
  /** One server runs `handler` for each `event`: for effects that must not repeat per server. */
  onOnce<Data>(event: EventDefinition<Data>, subscriber: string, handler: Handler<Data>): void;
  /** Runs when `subscriber` may have missed events (pruned before it read them, or its handler failed). */
  onResync(subscriber: string, resync: () => Promise<void> | void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once every event committed before the call has been handled on this server. */
  caughtUp(): Promise<void>;
}

export interface DomainEventsOptions {
  log: EventLog;
  logger: Logger;
  /** Read even without a wake-up this often (a notification lost without the listener noticing). */
  pollMs?: number;
  /** Events are kept this long for servers catching up (default an hour), pruned every pruneEveryMs. */
  keepMs?: number;
  pruneEveryMs?: number;
}

const pageSize = 500;

export function createDomainEvents(options: DomainEventsOptions): DomainEvents {
  const { log } = options;
  const logger = options.logger.child({ component: 'domain-events' });
  const local: Subscription[] = [];
  const shared: Subscription[] = [];
  const resyncs = new Map<string, () => Promise<void> | void>();
  let cursor = 0;
  /** How far this server has claimed the shared subscriptions (none yet: the first read claims). */
  let claimedTo = 0;
  let started = false;
  let again = false;
  let pumping: Promise<void> | undefined;
  let unwatch: (() => Promise<void>) | undefined;
  const timers: NodeJS.Timeout[] = [];

  async function run(sub: Subscription, event: StoredEvent): Promise<boolean> {
    try {
      await sub.handler(sub.event.parse(event.data), { seq: event.seq });
      return true;
    } catch (error) {
      logger.error({ err: error, event: event.name, seq: event.seq }, `${sub.subscriber} failed on an event`);
      return false;
    }
  }

  async function resync(subscribers: Iterable<string>, why: string): Promise<void> {
    for (const subscriber of new Set(subscribers)) {
      const handler = resyncs.get(subscriber);
      if (!handler) continue;
      logger.warn({ subscriber }, `${subscriber} reloads: ${why}`);
      await Promise.resolve()
        .then(handler)
        .catch((error) => logger.error({ err: error, subscriber }, `${subscriber} could not reload`));
    }
  }

  /**
   * Reads on from the cursor a page at a time: each page's events go to this server's subscribers,
   * then to the shared subscriptions it claims. A page shorter than a full one is the end for now
   * (an event committed meanwhile wakes the pump again).
   */
  async function read(): Promise<void> {
    for (;;) {
      const from = cursor;
      const page = await log.after(from, pageSize);
      if (page.length > 0 && (page[0] as StoredEvent).seq !== from + 1) {
        await resync(
          local.map((s) => s.subscriber),
          `events ${from + 1} to ${(page[0] as StoredEvent).seq - 1} were pruned before this server read them`,
        );
      }
      for (const event of page) {
        const failed: string[] = [];
        for (const sub of local) {
          if (sub.event.name === event.name && !(await run(sub, event))) failed.push(sub.subscriber);
        }
        cursor = event.seq;
        if (failed.length > 0) await resync(failed, `its handler failed on event ${event.seq}`);
      }
      await readShared(from, page);
      if (page.length < pageSize) return;
    }
  }

  /**
   * The shared subscriptions claim, together, what they have not handled up to this server's cursor
   * (one transaction for all of them), and handle it: from the page just read when they were at its
   * start or later, else read again from where each was.
   */
  async function readShared(pageFrom: number, page: readonly StoredEvent[]): Promise<void> {
    if (shared.length === 0 || cursor <= claimedTo) return;
    const to = cursor;
    const before = await log.claimShared([...new Set(shared.map((s) => s.subscriber))], to);
    claimedTo = to;
    for (const sub of shared) {
      let from = before.get(sub.subscriber) ?? to;
      if (from >= to) continue;
      if (from >= pageFrom) {
        for (const event of page)
          if (event.seq > from && event.name === sub.event.name) await run(sub, event);
        continue;
      }
      while (from < to) {
        const older = (await log.after(from, pageSize)).filter((e) => e.seq <= to);
        if (older.length === 0) break;
        for (const event of older) if (event.name === sub.event.name) await run(sub, event);
        from = (older.at(-1) as StoredEvent).seq;
      }
    }
  }

  function wake(): void {
    if (!started) return;
    again = true;
    pumping ??= (async () => {
      while (again) {
        again = false;
        try {
          await read();
        } catch (error) {
          logger.warn({ err: error }, 'could not read domain events; retrying at the next wake-up');
        }
      }
    })().finally(() => {
      pumping = undefined;
    });
  }

  return {
    on(event, subscriber, handler) {
      local.push({ event, subscriber, handler: handler as Handler<unknown> });
    },
    onOnce(event, subscriber, handler) {
      shared.push({ event, subscriber, handler: handler as Handler<unknown> });
    },
    onResync(subscriber, handler) {
      resyncs.set(subscriber, handler);
    },
    async start() {
      cursor = await log.head();
      for (const sub of shared) await log.startShared(sub.subscriber, cursor);
      started = true;
      unwatch = await log.watch(wake, () => {
        logger.info('the database listener came back: reading the domain events it missed');
        wake();
      });
      timers.push(setInterval(wake, options.pollMs ?? 5000));
      const keepMs = options.keepMs ?? 60 * 60 * 1000;
      const prune = () =>
        log.prune(keepMs).catch((error) => logger.warn({ err: error }, 'could not prune domain events'));
      timers.push(setInterval(prune, options.pruneEveryMs ?? 10 * 60 * 1000));
      for (const timer of timers) timer.unref();
      wake();
    },
    async stop() {
      started = false;
      for (const timer of timers.splice(0)) clearInterval(timer);
      await unwatch?.();
      unwatch = undefined;
      await pumping;
    },
    async caughtUp() {
      const end = await log.head();
      while (cursor < end) {
        wake();
        await (pumping ?? new Promise((resolve) => setTimeout(resolve, 10)));
      }
      // The cursor moves before the shared subscriptions this server claimed have run: wait for them.
      await pumping;
    },
  };
}

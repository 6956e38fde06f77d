// One dedicated connection carries every LISTEN of this process. When it drops (a restart, a failover,
// a network cut) it reconnects with capped, jittered exponential backoff, LISTENs again on every
// channel, and tells subscribers that notifications sent meanwhile were missed, so they can catch up.
import pg from 'pg';
import type { Logger } from '../logging.ts';
import { describeDatabaseError } from './connection-errors.ts';
import type { ListenerHealth, ListenOptions, NotificationHandler } from './notifications.ts';

export interface ListenerTiming {
  /** The first retry waits up to this long; each next one twice as long, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A connection that does not answer a ping within connectTimeoutMs this often is given up. */
  pingMs: number;
  connectTimeoutMs: number;
}

export const defaultListenerTiming: ListenerTiming = {
  firstDelayMs: 250,
  maxDelayMs: 30_000,
  pingMs: 10_000,
  connectTimeoutMs: 5_000,
};

interface Channel {
  handlers: Set<NotificationHandler>;
  onMissed: Set<() => void>;
}

export class PostgresListener {
  private client: pg.Client | undefined;
  /** Channels LISTENed on the current client. */
  private listening = new Set<string>();
  private connecting: Promise<void> | undefined;
  private readonly channels = new Map<string, Channel>();
  private down: { since: Date; reason: string } | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly url: string;
  private readonly logger: Logger;
  private readonly timing: ListenerTiming;

  constructor(url: string, logger: Logger, timing: Partial<ListenerTiming> = {}) {
    this.url = url;
    this.logger = logger.child({ component: 'db-listener' });
    this.timing = { ...defaultListenerTiming, ...timing };
  }

  health(): ListenerHealth {
    return this.down ? { up: false, ...this.down } : { up: true };
  }

  async listen(channel: string, handler: NotificationHandler, options: ListenOptions = {}) {
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { handlers: new Set(), onMissed: new Set() };
      this.channels.set(channel, entry);
    }
    const { onMissed } = options;
    entry.handlers.add(handler);
    if (onMissed) entry.onMissed.add(onMissed);
    await this.ensureListening(channel);
    const joined = entry;
    return async () => {
      joined.handlers.delete(handler);
      if (onMissed) joined.onMissed.delete(onMissed);
      if (joined.handlers.size > 0 || this.channels.get(channel) !== joined) return;
      this.channels.delete(channel);
      if (this.listening.delete(channel)) {
        await this.client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
      }
    };
  }

  /** While the connection is down this returns at once: the channel is LISTENed on reconnecting. */
  private async ensureListening(channel: string): Promise<void> {
    if (!this.client && !this.connecting && !this.down && !this.closed) this.connecting = this.connect();
    await this.connecting;
    const client = this.client;
    if (!client || this.listening.has(channel) || !this.channels.has(channel)) return;
    this.listening.add(channel);
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`).catch((error) => this.lost(client, error));
  }

  /** One attempt: a new connection LISTENing on every channel; on failure the next one is scheduled. */
  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      keepAlive: true,
      connectionTimeoutMillis: this.timing.connectTimeoutMs,
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('Connection terminated')));
    client.on('notification', (message) => this.deliver(message.channel, message.payload ?? ''));
    const channels = [...this.channels.keys()];
    try {
      await client.connect();
      for (const channel of channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      this.connecting = undefined;
      client.end().catch(() => {});
      this.failed(error);
      return;
    }
    this.connecting = undefined;
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.listening = new Set(channels);
    this.pingTimer = setInterval(() => this.ping(client), this.timing.pingMs);
    this.pingTimer.unref();
    const wasDown = this.down;
    this.down = undefined;
    this.attempt = 0;
    if (wasDown) this.recovered(wasDown.since);
  }

  private recovered(since: Date): void {
    const seconds = ((Date.now() - since.getTime()) / 1000).toFixed(1);
    this.logger.info(
      { downSince: since.toISOString(), channels: [...this.channels.keys()] },
      `the PostgreSQL listener is back after ${seconds} s: LISTENing again; subscribers catch up on what they missed`,
    );
    const callbacks = new Set([...this.channels.values()].flatMap((c) => [...c.onMissed]));
    for (const callback of callbacks) {
      try {
        callback();
      } catch (error) {
        this.logger.error({ err: error }, 'a subscriber failed to catch up after the listener came back');
      }
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (client !== this.client || this.closed) return;
    this.client = undefined;
    this.listening.clear();
    clearInterval(this.pingTimer);
    client.end().catch(() => {});
    this.down = { since: new Date(), reason: describeDatabaseError(error) };
    this.logger.warn(
      { err: error },
      `lost the PostgreSQL listener connection (${this.down.reason}): live events and job wake-ups from other processes are missed until it is back; reconnecting`,
    );
    this.scheduleRetry();
  }

  private failed(error: unknown): void {
    const reason = describeDatabaseError(error);
    if (this.down) {
      this.down.reason = reason;
      this.logger.debug(
        { err: error, attempt: this.attempt },
        'the PostgreSQL listener could not reconnect yet',
      );
    } else {
      this.down = { since: new Date(), reason };
      this.logger.warn({ err: error }, `could not connect the PostgreSQL listener (${reason}); retrying`);
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    const ceiling = Math.min(this.timing.maxDelayMs, this.timing.firstDelayMs * 2 ** this.attempt);
    this.attempt++;
    // Jittered, so the processes of a fleet do not all knock at once when the database comes back.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.retryTimer = setTimeout(() => {
      this.connecting = this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  /** A connection cut without a word (a dead peer, a dropped route) only shows when it does not answer. */
  private ping(client: pg.Client): void {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer to a ping within ${this.timing.connectTimeoutMs} ms`)),
        this.timing.connectTimeoutMs,
      );
    });
    Promise.race([client.query('select 1'), silence])
      .catch((error) => this.lost(client, error))
      .finally(() => clearTimeout(timer));
  }

  private deliver(channel: string, payload: string): void {
    for (const handler of this.channels.get(channel)?.handlers ?? []) {
      try {
        handler(payload);
      } catch (error) {
        this.logger.error({ err: error, channel }, 'a notification handler failed');
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}

// Opens Steward's one database: embedded PGlite (files under the data dir) or a PostgreSQL server.
// Both speak PostgreSQL, so every query and migration is written once.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { redactUrl } from '../config.ts';
import { unavailable } from '../errors.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { makeDataDirPrivate } from './private-data-dir.ts';

export type Engine = 'pglite' | 'postgres';

export type NotificationHandler = (payload: string) => void;

export interface Database {
  readonly engine: Engine;
  /** The query builder, typed by the tables the caller owns. */
  kysely<Tables>(): Kysely<Tables>;
  /** Subscribes to a notification channel (LISTEN on PostgreSQL, in-process on PGlite). */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  /** Publishes on a channel; on PostgreSQL it reaches every process listening on the database. */
  notify(channel: string, payload: string): Promise<void>;
  /** Answers whether the database responds now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; absent means in memory. */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = async () => {};
  let pglite: PGlite;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
    try {
      pglite = await PGlite.create(join(dataDir, 'pgdata'));
      // PGlite writes its first-start files 0666 whatever the umask: they hold password hashes.
      makeDataDirPrivate(join(dataDir, 'pgdata'));
    } catch (error) {
      await releaseLock();
      throw unavailable(`could not open the embedded database in ${dataDir}: ${(error as Error).message}`);
    }
  } else {
    pglite = await PGlite.create();
  }
  const kysely = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  return {
    engine: 'pglite',
    kysely: <T>() => kysely as unknown as Kysely<T>,
    async listen(channel, handler) {
      bus.on(channel, handler);
      return async () => {
        bus.off(channel, handler);
      };
    },
    async notify(channel, payload) {
      // Delivered after the current tick, as a NOTIFY would be after commit.
      queueMicrotask(() => bus.emit(channel, payload));
    },
    ping: () => pingWith(kysely),
    async close() {
      await kysely.destroy();
      await releaseLock();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw unavailable(
      `cannot reach PostgreSQL at ${redactUrl(url)}: ${describePgError(error)}. Check that the server is running and the URL is right, or leave --database-url unset to use the embedded database.`,
    );
  }
  const kysely = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const listener = new PostgresListener(url);
  return {
    engine: 'postgres',
    kysely: <T>() => kysely as unknown as Kysely<T>,
    listen: (channel, handler) => listener.listen(channel, handler),
    async notify(channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(kysely);
    },
    ping: () => pingWith(kysely),
    async close() {
      await listener.close();
      await kysely.destroy();
    },
  };
}

async function pingWith(kysely: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select 1`.execute(kysely);
    return true;
  } catch {
    return false;
  }
}

function describePgError(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = e.code ?? e.errors?.[0]?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code === '3D000') return 'the database does not exist';
  if (code === '28P01' || code === '28000') return 'authentication failed';
  return e.message || code || String(error);
}

/** One dedicated connection carries every LISTEN of this process; it reconnects if dropped. */
class PostgresListener {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private closed = false;
  private readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  async listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>> {
    const client = await this.connect();
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(channel) === set) {
        this.handlers.delete(channel);
        await this.client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
      }
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (msg) => {
        for (const handler of this.handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
      });
      client.on('error', () => this.reconnect());
      client.on('end', () => this.reconnect());
      await client.connect();
      this.client = client;
      this.connecting = undefined;
      return client;
    })();
    return this.connecting;
  }

  private reconnect(): void {
    if (this.closed) return;
    this.client = undefined;
    setTimeout(async () => {
      if (this.closed) return;
      try {
        const client = await this.connect();
        for (const channel of this.handlers.keys())
          await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } catch {
        this.reconnect();
      }
    }, 500).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}

// Opens Steward's one database: embedded PGlite (files under the data dir) or a PostgreSQL server.
// Both speak PostgreSQL, so every query and migration is written once.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { redactUrl } from '../config.ts';
import { unavailable } from '../errors.ts';
import { type Logger, silentLogger } from '../logging.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import type { ListenerHealth, ListenOptions, NotificationHandler } from './notifications.ts';
import { type ListenerTiming, PostgresListener } from './postgres-listener.ts';
import { PreparingClient } from './prepared.ts';
import { makeDataDirPrivate } from './private-data-dir.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly engine: Engine;
  /** The query builder, typed by the tables the caller owns. */
  kysely<Tables>(): Kysely<Tables>;
  /** Subscribes to a notification channel (LISTEN on PostgreSQL, in-process on PGlite). */
  listen(
    channel: string,
    handler: NotificationHandler,
    options?: ListenOptions,
  ): Promise<() => Promise<void>>;
  /** Whether notifications are arriving; PGlite's, in-process, always are. */
  listenerHealth(): ListenerHealth;
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
  /** Where the PostgreSQL listener says it lost and regained its connection. */
  logger?: Logger;
  /** Tests only: how fast the PostgreSQL listener notices a loss and retries. */
  listenerTiming?: Partial<ListenerTiming>;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options.dataDir);
}

/**
 * bytea to and from PGlite as hex text, by Node's own codec. PGlite's built-in one handles a byte at a
 * time in JavaScript (~160 µs each way for 2 KB, on the thread that answers requests: an alert inbox
 * row, an uploaded catalog file).
 */
const byteaAsHex = {
  serializers: {
    [types.BYTEA]: (value: unknown) => {
      if (!(value instanceof Uint8Array)) throw new TypeError('a bytea parameter must be a Uint8Array');
      return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
    },
  },
  parsers: {
    [types.BYTEA]: (text: string) => {
      const bytes = Buffer.from(text.slice(2), 'hex');
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  },
};

/**
 * PGlite as Kysely uses it, with a turn of the event loop before each transaction. PGlite works on this
 * thread and answers through promises alone: work that runs one transaction after another (applying
 * accepted alerts, a job runner's backlog) would otherwise keep requests, timers and sockets waiting
 * until it ran out.
 */
function yieldingBeforeTransactions(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'transaction') {
        return async (callback: Parameters<PGlite['transaction']>[0]) => {
          await new Promise((resolve) => setImmediate(resolve));
          return target.transaction(callback);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = async () => {};
  let pglite: PGlite;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
    try {
      pglite = await PGlite.create(join(dataDir, 'pgdata'), byteaAsHex);
      // PGlite writes its first-start files 0666 whatever the umask: they hold password hashes.
      makeDataDirPrivate(join(dataDir, 'pgdata'));
    } catch (error) {
      await releaseLock();
      throw unavailable(`could not open the embedded database in ${dataDir}: ${(error as Error).message}`);
    }
  } else {
    pglite = await PGlite.create(byteaAsHex);
  }
  const kysely = new Kysely<unknown>({
    dialect: new PGliteDialect({ pglite: yieldingBeforeTransactions(pglite) }),
  });
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  return {
    engine: 'pglite',
    kysely: <T>() => kysely as unknown as Kysely<T>,
    async listen(channel, handler) {
      bus.on(channel, handler);
      // NOTIFYs sent by SQL (a trigger's pg_notify) arrive through PGlite's own LISTEN, after commit.
      const unlistenSql = await pglite.listen(channel, handler);
      return async () => {
        bus.off(channel, handler);
        await unlistenSql();
      };
    },
    async notify(channel, payload) {
      // Delivered after the current tick, as a NOTIFY would be after commit.
      queueMicrotask(() => bus.emit(channel, payload));
    },
    listenerHealth: () => ({ up: true }),
    ping: () => pingWith(kysely),
    async close() {
      await kysely.destroy();
      await releaseLock();
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  pool.on('connect', (client) => {
    // A client lost while checked out between statements: pg would emit 'error' with nobody listening,
    // which ends the process. Its next statement fails instead, and the pool drops it on release.
    client.on('error', () => {});
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
  const listener = new PostgresListener(url, options.logger ?? silentLogger(), options.listenerTiming);
  return {
    engine: 'postgres',
    kysely: <T>() => kysely as unknown as Kysely<T>,
    listen: (channel, handler, listenOptions) => listener.listen(channel, handler, listenOptions),
    listenerHealth: () => listener.health(),
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

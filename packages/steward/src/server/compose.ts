// The composition root: every module, what it needs, and where it is wired. Read top to bottom,
// this is Steward's table of contents.
import { readFileSync } from 'node:fs';
import type { Authenticator } from '../platform/auth/principal.ts';
import type { ServeConfig } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import type { Logger } from '../platform/logging.ts';
import { createMetrics } from '../platform/metrics.ts';
import { type App, createApp } from './app.ts';

export const version: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

export interface AssembleOptions {
  database: Database;
  logger: Logger;
  config: Pick<ServeConfig, 'bodyLimit' | 'webDir' | 'dataDir'>;
}

export interface Assembled {
  app: App;
  /** Starts background work (job runner, realtime fan-out). */
  start(): Promise<void>;
  /** Stops background work; the caller closes the app and the database. */
  stop(): Promise<void>;
  setReady(ready: boolean): void;
}

export async function assemble({ database, logger, config }: AssembleOptions): Promise<Assembled> {
  const metrics = createMetrics();
  let ready = false;

  const authenticator: Authenticator = { authenticate: async () => null };

  const app = await createApp({
    logger,
    metrics,
    authenticator,
    bodyLimit: config.bodyLimit,
    webDir: config.webDir,
    version,
    isReady: async () => ready && (await database.ping()),
  });

  return {
    app,
    async start() {},
    async stop() {},
    setReady(value) {
      ready = value;
    },
  };
}

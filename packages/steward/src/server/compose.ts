// The composition root: every module, what it needs, and where it is wired. Read top to bottom,
// this is Steward's table of contents.
import { readFileSync } from 'node:fs';
import {
  type CatalogOptions,
  catalogRoutes,
  createCatalog,
  type IngestSummary,
  publishCatalogChanges,
} from '../modules/catalog/index.ts';
import { createIdentity, type PasswordCheck } from '../modules/identity/index.ts';
import { createOwnershipService, followCatalog, whoOwnsRoutes } from '../modules/ownership/index.ts';
import type { Authenticator } from '../platform/auth/principal.ts';
import type { ServeConfig } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { createDomainEvents, type DomainEvents, databaseEventLog } from '../platform/events/index.ts';
import { JobRunner, jobRoutes } from '../platform/jobs/index.ts';
import type { Logger } from '../platform/logging.ts';
import { createMetrics } from '../platform/metrics.ts';
import {
  allowAnyReader,
  createRealtime,
  type Realtime,
  type RealtimeOptions,
  streamRoutes,
} from '../platform/realtime/index.ts';
import { type App, createApp, registerRoutes } from './app.ts';
import { demoDir, demoPassword } from './demo.ts';

export const version: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

export interface AssembleOptions {
  database: Database;
  logger: Logger;
  config: Pick<ServeConfig, 'bodyLimit' | 'webDir' | 'dataDir'> &
    Partial<Pick<ServeConfig, 'demo' | 'catalogPaths' | 'trustProxy' | 'gitAllowLocal'>>;
  /** The organisation's catalog rules and kinds of its own (from --catalog-rules). */
  catalogOptions?: CatalogOptions;
  /** Tests only: who is calling, in place of the real authenticator. */
  authenticator?: Authenticator;
  /** Tests and benchmarks only: live-channel tuning (tick, limits). */
  realtime?: Partial<RealtimeOptions>;
  /** Tests only: wraps the password check, e.g. to count how many passwords were really checked. */
  wrapPasswordCheck?: (check: PasswordCheck) => PasswordCheck;
}

export interface Assembled {
  app: App;
  /** Starts background work (job runner, realtime fan-out). */
  start(): Promise<void>;
  /** Stops background work; the caller closes the app and the database. */
  stop(): Promise<void>;
  setReady(ready: boolean): void;
  /** The live channel: `realtime.publish(topic, type, data)` for every module. */
  realtime: Realtime;
  /** Domain events: `events.on(event, subscriber, handler)`; tests wait with `events.caughtUp()`. */
  events: DomainEvents;
}

export async function assemble(options: AssembleOptions): Promise<Assembled> {
  const { database, logger, config } = options;
  const metrics = createMetrics();
  let ready = false;

  // Domain events: modules emit them in their transactions; every server's subscribers receive them.
  const events = createDomainEvents({ log: databaseEventLog(database), logger });

  // Durable background work: modules register their job definitions on it and enqueue through it.
  const jobs = new JobRunner({ database, logger, metrics });

  // Identity closes the live-channel streams of credentials it ends; the channel is created below, and
  // this callback runs only once both exist.
  const identity = createIdentity({
    database,
    logger,
    endStreams: (selectors, reason) => realtime.endStreams(selectors, reason),
    wrapPasswordCheck: options.wrapPasswordCheck,
  });
  const authenticator: Authenticator = options.authenticator ?? identity.authenticator;

  const app = await createApp({
    logger,
    metrics,
    authenticator,
    bodyLimit: config.bodyLimit,
    webDir: config.webDir,
    version,
    trustProxy: config.trustProxy,
    isReady: async () => (ready ? readiness(database) : 'Steward is starting or shutting down'),
  });

  await registerRoutes(app, identity.routes);
  await registerRoutes(app, jobRoutes(jobs));

  // The live channel: every module publishes through it; clients follow the topics they may see.
  const realtime = createRealtime({
    database,
    logger,
    metrics,
    options: options.realtime,
    checkCredentials: identity.checkStreamCredentials,
  });
  // Any reader may follow a team for now; identity will replace this with a membership check.
  realtime.registerTopic('team', allowAnyReader, {
    about:
      '`team:<name>`: kept for changes to that team (none is published on it yet); any reader may follow it',
  });
  realtime.registerTopic('catalog', allowAnyReader, {
    about:
      '`catalog.changed` events when an entity is created, updated or deleted and when a source is read or removed; any reader may follow it',
  });

  // The catalog: sources (--catalog paths, the demo, repositories, uploads, the API) ingested into the
  // store; its Group and User entities become teams and people; its changes are domain events.
  const catalog = createCatalog({
    database,
    logger,
    dataDir: config.dataDir,
    gitAllowLocal: config.gitAllowLocal,
    catalogOptions: options.catalogOptions,
    importOrg: identity.importOrg,
  });
  await registerRoutes(app, catalogRoutes(catalog));
  publishCatalogChanges(events, (type, data) => realtime.publish('catalog', type, data));

  // Who owns what: an index of the catalog store and its CODEOWNERS files, kept from the catalog's events.
  const ownership = createOwnershipService({
    loadEntities: () => catalog.loadEntities(),
    loadEntitiesByRef: (refs) => catalog.loadEntitiesByRef(refs),
    loadCodeowners: async () =>
      (await catalog.codeownersFiles()).map((f) => ({
        repository: f.repository,
        file: f.path,
        text: f.content,
      })),
    onRebuildFailed: (error) => logger.warn({ err: error }, 'the ownership index could not be rebuilt'),
  });
  followCatalog(events, ownership);
  await registerRoutes(app, whoOwnsRoutes(ownership));

  // The live channel's route comes after every module, so its description lists every topic kind.
  await registerRoutes(app, streamRoutes(realtime, realtime.describeTopics()));

  return {
    app,
    realtime,
    events,
    async start() {
      // A test that brings its own authenticator has no use for a first admin (nor its files).
      if (!options.authenticator) await identity.ensureFirstAdmin(config.dataDir);
      await realtime.start();
      await events.start();
      await catalog.start();
      for (const path of config.catalogPaths ?? []) {
        const read = await catalog.ingestPath(path);
        logger.info(ingestLog(read), `catalog ${path} read`);
      }
      if (config.demo) {
        const read = await catalog.ingestPath(demoDir, {
          name: 'demo: Acme (examples/acme)',
          password: demoPassword,
        });
        logger.info(
          ingestLog(read),
          `demo organisation loaded: everyone signs in with the password ${demoPassword}`,
        );
      }
      await jobs.start();
    },
    async stop() {
      await jobs.stop();
      await events.stop();
      await realtime.stop();
    },
    setReady(value) {
      ready = value;
    },
  };
}

/** Ready when the database answers and notifications from other processes arrive; else why not. */
async function readiness(database: Database): Promise<true | string> {
  const reasons: string[] = [];
  if (!(await database.ping())) reasons.push('the database does not answer');
  const listener = database.listenerHealth();
  if (!listener.up) {
    reasons.push(
      `the database listener (LISTEN/NOTIFY: live events and job wake-ups) has been down since ${listener.since.toISOString()} (${listener.reason}); it is reconnecting`,
    );
  }
  return reasons.length === 0 ? true : reasons.join('; ');
}

function ingestLog(read: IngestSummary) {
  const { added, updated, removed, unchanged, durationMs } = read;
  return {
    added,
    updated,
    removed,
    unchanged,
    errors: read.errors.length,
    warnings: read.warnings.length,
    durationMs,
  };
}

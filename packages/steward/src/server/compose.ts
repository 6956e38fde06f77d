// The composition root: every module, what it needs, and where it is wired. Read top to bottom,
// this is Steward's table of contents.
import { readFileSync } from 'node:fs';
import {
  type CatalogOptions,
  catalogRoutes,
  createCatalog,
  type IngestSummaryView,
} from '../modules/catalog/index.ts';
import { createIdentity, type PasswordCheck } from '../modules/identity/index.ts';
import { createOwnershipService, whoOwnsRoutes } from '../modules/ownership/index.ts';
import type { Authenticator } from '../platform/auth/principal.ts';
import type { ServeConfig } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { JobRunner, jobRoutes, mayFollowJob } from '../platform/jobs/index.ts';
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
    Partial<Pick<ServeConfig, 'demo' | 'catalogPaths' | 'trustProxy' | 'gitAllowLocal' | 'jobRetentionDays'>>;
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
}

export async function assemble(options: AssembleOptions): Promise<Assembled> {
  const { database, logger, config } = options;
  const metrics = createMetrics();
  let ready = false;

  // Durable background work: modules register their job definitions on it and enqueue through it.
  // Progress and outcomes go out on `job:<id>`; finished jobs are kept for jobRetentionDays.
  const jobs = new JobRunner({
    database,
    logger,
    metrics,
    publish: (topic, type, data) => realtime.publish(topic, type, data),
    prune: { retainMs: (config.jobRetentionDays ?? 14) * 24 * 60 * 60 * 1000 },
  });

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
  realtime.registerTopic(
    'job',
    async (principal, id) => {
      const job = id && /^[0-9a-f-]{36}$/.test(id) ? await jobs.get(id) : undefined;
      if (!job) return `no job ${id}; job:<id> takes the id a route answered with 202`;
      return mayFollowJob(principal, job) ? null : 'only admins and whoever started a job may follow it';
    },
    {
      about:
        '`job:<id>`: `job.progress`, `job.retrying` and `job.finished` (state, result or error) of one background job; admins and whoever started it may follow it',
    },
  );
  realtime.registerTopic('catalog', allowAnyReader, {
    about:
      '`catalog.changed` events when an entity is created, updated or deleted and when a source is read or removed; any reader may follow it',
  });

  // The catalog: sources (--catalog paths, the demo, repositories, uploads, the API) ingested into the
  // store; its Group and User entities become teams and people; every change rebuilds who-owns.
  const catalog = createCatalog({
    database,
    logger,
    dataDir: config.dataDir,
    jobs,
    demoPassword: config.demo ? demoPassword : undefined,
    gitAllowLocal: config.gitAllowLocal,
    catalogOptions: options.catalogOptions,
    importOrg: identity.importOrg,
    publish: (type, data) => realtime.publish('catalog', type, data),
    // Catalog and ownership depend on each other: the index reads the catalog, and a catalog change
    // rebuilds the index. This callback runs only after both exist.
    onChanged: () => {
      ownership
        .catalogChanged()
        .catch((error) => logger.warn({ err: error }, 'the ownership index was not rebuilt'));
    },
  });
  await registerRoutes(app, catalogRoutes(catalog));

  // Who owns what: an index of the catalog store and its CODEOWNERS files, rebuilt when the catalog changes.
  const ownership = createOwnershipService({
    loadEntities: () => catalog.loadEntities(),
    loadCodeowners: async () =>
      (await catalog.codeownersFiles()).map((f) => ({
        repository: f.repository,
        file: f.path,
        text: f.content,
      })),
    onRebuildFailed: (error) => logger.warn({ err: error }, 'the ownership index could not be rebuilt'),
  });
  await registerRoutes(app, whoOwnsRoutes(ownership));

  // The live channel's route comes after every module, so its description lists every topic kind.
  await registerRoutes(app, streamRoutes(realtime, realtime.describeTopics()));

  return {
    app,
    realtime,
    async start() {
      // A test that brings its own authenticator has no use for a first admin (nor its files).
      if (!options.authenticator) await identity.ensureFirstAdmin(config.dataDir);
      await realtime.start();
      await catalog.start();
      // The --catalog paths and the demo are read by jobs (servers started together share them); the
      // server is ready once they have been read.
      await jobs.start();
      for (const path of config.catalogPaths ?? []) {
        const read = await catalog.ingestPath(path);
        logger.info(ingestLog(read), `catalog ${path} read`);
      }
      if (config.demo) {
        const read = await catalog.ingestPath(demoDir, { name: 'demo: Acme (examples/acme)', demo: true });
        logger.info(
          ingestLog(read),
          `demo organisation loaded: everyone signs in with the password ${demoPassword}`,
        );
      }
    },
    async stop() {
      await jobs.stop();
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

function ingestLog(read: IngestSummaryView) {
  const { added, updated, removed, unchanged, durationMs, errorCount, warningCount } = read;
  return { added, updated, removed, unchanged, errors: errorCount, warnings: warningCount, durationMs };
}

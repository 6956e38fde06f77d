// The composition root: the platform, then every module (server/modules.ts) with what it needs, and
// where each is wired. Read top to bottom, this is Steward's table of contents.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogOptions } from '../modules/catalog/index.ts';
import type { GuardrailsService } from '../modules/guardrails/index.ts';
import type { PasswordCheck } from '../modules/identity/index.ts';
import type { NotificationsNeeds, NotificationsService } from '../modules/notifications/index.ts';
import { attachSloSpecs } from '../modules/slo/index.ts';
import type { Authenticator } from '../platform/auth/principal.ts';
import type { ServeConfig } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { createDomainEvents, type DomainEvents, databaseEventLog } from '../platform/events/index.ts';
import { JobRunner, jobRoutes, jobTopic } from '../platform/jobs/index.ts';
import type { Logger } from '../platform/logging.ts';
import { createMetrics } from '../platform/metrics.ts';
import type { PlatformServices, RunningModule } from '../platform/module.ts';
import {
  createRealtime,
  type Realtime,
  type RealtimeOptions,
  streamRoutes,
} from '../platform/realtime/index.ts';
import { type App, createApp, registerRoutes } from './app.ts';
import { demoDir, demoPassword, demoRepository, readDemoOrg } from './demo.ts';
import { seedDemoPaging } from './demo-paging.ts';
import {
  alertsModule,
  catalogModule,
  guardrailsModule,
  identityModule,
  incidentsModule,
  notificationsModule,
  oncallModule,
  ownershipModule,
  scorecardsModule,
  sloModule,
} from './modules.ts';

export const version: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

export interface AssembleOptions {
  database: Database;
  logger: Logger;
  config: Pick<ServeConfig, 'bodyLimit' | 'webDir' | 'dataDir'> &
    Partial<
      Pick<
        ServeConfig,
        'demo' | 'catalogPaths' | 'trustProxy' | 'gitAllowLocal' | 'jobRetentionDays' | 'smtpUrl' | 'smtpFrom'
      >
    > &
    Partial<
      Pick<
        ServeConfig,
        | 'defaultAlertTeam'
        | 'alertIngestLimit'
        | 'publicUrl'
        | 'gapNoticeDays'
        | 'incidentSeverities'
        | 'prometheusUrl'
        | 'admission'
      >
    >;
  /** The organisation's catalog rules and kinds of its own (from --catalog-rules). */
  catalogOptions?: CatalogOptions;
  /** Tests only: who is calling, in place of the real authenticator. */
  authenticator?: Authenticator;
  /** Tests and benchmarks only: live-channel tuning (tick, limits). */
  realtime?: Partial<RealtimeOptions>;
  /** Tests only: wraps the password check, e.g. to count how many passwords were really checked. */
  wrapPasswordCheck?: (check: PasswordCheck) => PasswordCheck;
  /** Tests only: notification delivery with fewer tries, shorter backoff and timeouts. */
  notificationDelivery?: NotificationsNeeds['delivery'];
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
  /** The notifications face (tests call notify and read deliveries through it). */
  notifications: NotificationsService;
  /** The guardrails face (tests read the uploaded scans' findings through it). */
  guardrails: GuardrailsService;
}

export async function assemble(options: AssembleOptions): Promise<Assembled> {
  const { database, logger, config } = options;
  const metrics = createMetrics();
  let ready = false;

  // The platform every module stands on: domain events (emitted in a change's transaction, received
  // by every server), durable jobs (progress and outcomes go out on `job:<id>`; finished jobs are kept
  // for jobRetentionDays), the live channel, the HTTP app.
  const events = createDomainEvents({ log: databaseEventLog(database), logger });
  const jobs = new JobRunner({
    database,
    logger,
    metrics,
    publish: (topic, type, data) => realtime.publish(topic, type, data),
    prune: { retainMs: (config.jobRetentionDays ?? 14) * 24 * 60 * 60 * 1000 },
  });
  const realtime = createRealtime({
    database,
    logger,
    metrics,
    options: options.realtime,
    // Identity says which open streams' credentials ended; it is created below.
    checkCredentials: (...streams) => identity.api.checkStreamCredentials(...streams),
  });
  const platform: PlatformServices = {
    database,
    logger,
    metrics,
    events,
    jobs,
    publish: (topic, type, data) => realtime.publish(topic, type, data),
  };

  // The modules, each given the faces of those it needs (server/modules.ts lists them in this order).
  // Identity after the catalog: teams and people are its Groups and Users (identity → catalog).
  const catalog = await catalogModule.create(platform, {
    dataDir: config.dataDir,
    gitAllowLocal: config.gitAllowLocal,
    catalogOptions: options.catalogOptions,
    catalogPaths: config.catalogPaths,
    demo: config.demo ? { dir: demoDir, password: demoPassword } : undefined,
    // SLO specs attached to services are compiled and stored in the ingest's transaction.
    attachments: [attachSloSpecs],
  });
  const identity = await identityModule.create(platform, {
    catalog: catalog.api,
    peoplePassword: config.demo ? demoPassword : undefined,
    endStreams: (selectors, reason) => realtime.endStreams(selectors, reason),
    wrapPasswordCheck: options.wrapPasswordCheck,
    // A test that brings its own authenticator has no use for a first admin (nor its files).
    firstAdminDir: options.authenticator ? undefined : config.dataDir,
  });
  const ownership = await ownershipModule.create(platform, { catalog: catalog.api });
  // Notifications after identity: contact methods and rules belong to the people it knows.
  const notifications = await notificationsModule.create(platform, {
    hasPerson: (handle) => identity.api.hasPerson(handle),
    smtp: config.smtpUrl && config.smtpFrom ? { url: config.smtpUrl, from: config.smtpFrom } : undefined,
    delivery: options.notificationDelivery,
  });
  // On-call reads Schedules, EscalationPolicies, Groups and services from the catalog; a person hears
  // of their coming shift, and of a gap in their team's schedule, through their notification rules.
  const oncall = await oncallModule.create(platform, {
    catalog: catalog.api,
    shiftNotices: {
      notifyShift: async (notice) => {
        await notifications.api.notifyShift({
          person: notice.user,
          shift: {
            schedule: notice.schedule,
            policy: null,
            level: 1,
            from: notice.from,
            until: notice.until,
          },
          idempotencyKey: `shift:${notice.user}:${notice.schedule}:${notice.from}`,
        });
      },
    },
    gapNotices: {
      horizonMs: (config.gapNoticeDays ?? 7) * 24 * 3600_000,
      notifyGap: async (notice) => {
        await notifications.api.notifyShift({
          person: notice.user,
          shift: {
            about: 'gap',
            schedule: notice.schedule,
            policy: null,
            level: 1,
            from: notice.from,
            until: notice.until,
          },
          idempotencyKey: `gap:${notice.user}:${notice.schedule}:${notice.from}`,
        });
      },
    },
  });
  // Alerts after ownership, on-call and notifications: an alert goes to who owns it, follows their
  // escalation policy, and reaches people through their notification rules.
  const alerts = await alertsModule.create(platform, {
    catalog: catalog.api,
    ownership: ownership.api,
    oncall: oncall.api,
    notifications: notifications.api,
    defaultTeam: config.defaultAlertTeam,
    ingestLimit: config.alertIngestLimit,
    publicUrl: config.publicUrl,
    // A burn alert links its SLO (the SLO module is created next).
    slosOf: (ids) => slo.api.slosOf(ids),
  });
  // SLOs: attached to the catalog's services, owned by their owners, status from Prometheus.
  const slo = await sloModule.create(platform, { catalog: catalog.api, prometheusUrl: config.prometheusUrl });
  // Incidents after alerts: they attach alerts, page for a commander through them, and hear their events.
  const incidents = await incidentsModule.create(platform, {
    catalog: catalog.api,
    alerts: alerts.api,
    notifications: notifications.api,
    hasPerson: (handle) => identity.api.hasPerson(handle),
    severities: config.incidentSeverities,
    demo: config.demo,
    publicUrl: config.publicUrl,
  });
  // Guardrails: the scanner is pure; the admission webhook finds an object's owner in the ownership index.
  const guardrails = await guardrailsModule.create(platform, {
    ownership: ownership.api,
    admission: config.admission,
  });
  // Scorecards last: rules over the catalog's facts, the route an alert would follow, SLOs and open
  // scan findings, judged when asked.
  const scorecards = await scorecardsModule.create(platform, {
    catalog: catalog.api,
    oncall: oncall.api,
    slos: slo.api,
    guardrails: guardrails.api,
  });
  const running: RunningModule<unknown>[] = [
    catalog,
    identity,
    ownership,
    notifications,
    oncall,
    alerts,
    slo,
    guardrails,
    incidents,
    scorecards,
  ];

  const app = await createApp({
    logger,
    metrics,
    authenticator: options.authenticator ?? identity.api.authenticator,
    bodyLimit: config.bodyLimit,
    webDir: config.webDir,
    version,
    trustProxy: config.trustProxy,
    isReady: async () => (ready ? readiness(database) : 'Steward is starting or shutting down'),
  });
  await registerRoutes(app, jobRoutes(jobs));
  realtime.registerTopic(jobTopic(jobs));
  for (const module of running) {
    for (const routes of module.routes ?? []) await registerRoutes(app, routes);
    for (const definition of module.jobs ?? []) jobs.register(definition);
    for (const topic of module.topics ?? []) realtime.registerTopic(topic);
  }
  // The live channel's route comes after every module, so its description lists every topic kind.
  await registerRoutes(app, streamRoutes(realtime, realtime.describeTopics()));

  return {
    app,
    realtime,
    events,
    notifications: notifications.api,
    guardrails: guardrails.api,
    async start() {
      await realtime.start();
      await events.start();
      // Jobs first: modules' start-up work (the --catalog paths, the demo) runs as jobs.
      await jobs.start();
      for (const module of running) await module.start?.();
      // The demo pages someone once its people exist (identity follows the catalog's events).
      if (config.demo) {
        await events.caughtUp();
        await seedDemoPaging({
          app,
          alerts: alerts.api,
          notifications: notifications.api,
          org: await readDemoOrg(),
          dataDir: config.dataDir,
          publicUrl: config.publicUrl ?? 'http://127.0.0.1:7420',
          logger,
        });
        // Acme's manifests, scanned as its CI would upload them: the Guardrails area and the
        // scorecards' findings rule start with something real.
        const scanned = await guardrails.api.keepScanOf({
          root: demoDir,
          paths: [join(demoDir, 'services')],
          target: demoRepository,
          by: 'demo',
        });
        logger.info(
          { target: scanned.target, findings: scanned.findings, exempted: scanned.exempted },
          'demo: Acme’s manifests scanned and kept as the latest scan of its monorepo',
        );
      }
    },
    async stop() {
      await jobs.stop();
      await events.stop();
      for (const module of [...running].reverse()) await module.stop?.();
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

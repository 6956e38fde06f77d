// Alerts as a running module: integrations and their keys, the three ingestion endpoints, the alert
// store, routing to an owner, escalation through the on-call policy to notifications, silences and
// maintenance windows, signed action links, the noise report, and the live topics.
import type { Kysely } from 'kysely';
import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import { allowAnyReader } from '../../platform/realtime/index.ts';
import { type Catalog, parseEntityRef, stringifyEntityRef } from '../catalog/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { OncallService } from '../oncall/index.ts';
import type { OwnershipService } from '../ownership/index.ts';
import { actionLinkRoutes } from './action-link-routes.ts';
import { linkSigner } from './action-links.ts';
import { alertRoutes } from './alert-routes.ts';
import { type AlertServiceContext, getAlert, stepAlert } from './alert-service.ts';
import { type EscalateDeps, type EscalateJob, escalateJob } from './escalate-job.ts';
import { escalateOpenedJob } from './escalate-opened-job.ts';
import { alertsHeldBy } from './escalation-store.ts';
import type { AlertsApi } from './index.ts';
import { InboxDrain } from './ingest/inbox-drain.ts';
import { InboxWriter } from './ingest/inbox-writer.ts';
import { IngestGate } from './ingest/ingest-gate.ts';
import { ingestRoutes } from './ingest/ingest-routes.ts';
import { integrationRoutes } from './integration-routes.ts';
import { createIntegration, findIntegrationNamed } from './integrations.ts';
import { noiseRoutes, teamNoise } from './noise-routes.ts';
import { raiseAlert } from './raise-alert.ts';
import { createSuppression, suppressionEnded } from './suppression/index.ts';
import type { AlertTables } from './tables.ts';

export interface AlertsNeeds {
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
  ownership: Pick<OwnershipService, 'whoOwns' | 'whoOwnsAlerts'>;
  /** The policy an alert follows and whom each step reaches. */
  oncall: Pick<OncallService, 'policyFor' | 'policiesFor' | 'policy' | 'reach'>;
  notifications: Pick<NotificationsService, 'notify' | 'cancel' | 'deliveries'>;
  /** Where alerts nothing owns go (a Group name or ref); undefined: nowhere but the list. */
  defaultTeam?: string | undefined;
  /** Ingestion writes in flight on this server at most; beyond it senders are told to retry. */
  ingestLimit?: number | undefined;
  /** How people reach this Steward, for the links in notifications. */
  publicUrl?: string | undefined;
  /** The SLOs burn alerts link (the SLO module's, by `sloth_id`). */
  slosOf?: AlertServiceContext['slosOf'];
}

export const defaultIngestLimit = 64;
/** Accepted alerts waiting to be applied, at most, on one server (see ingest/inbox-drain.ts). */
export const defaultMaxBacklog = 100_000;

export function alertsModuleOf(
  platform: PlatformServices,
  needs: AlertsNeeds,
): Promise<RunningModule<AlertsApi>> {
  const db = platform.database.kysely<AlertTables>() as Kysely<AlertTables>;
  const signer = linkSigner(db, needs.publicUrl ?? 'http://127.0.0.1:7420');
  const suppression = createSuppression({
    database: platform.database,
    catalog: needs.catalog,
    jobs: platform.jobs,
    alertStatus: async (id) => {
      const row = await db.selectFrom('alerts').select('status').where('id', '=', id).executeTakeFirst();
      return row ? (row.status === 'resolved' ? 'resolved' : 'firing') : null;
    },
  });
  const escalation: EscalateDeps = {
    db,
    jobs: platform.jobs,
    job: () => escalate,
    oncall: needs.oncall,
    notifications: needs.notifications,
    suppression,
    actionLinks: (alertId, options) => signer.actionLinks(alertId, options),
    publish: platform.publish,
  };
  const escalate: EscalateJob = escalateJob(escalation);
  const escalateOpened = escalateOpenedJob(escalation);
  // Alerts a silence or maintenance window held escalate once it ends (one server enqueues them).
  const resume = async (suppressionId: string | null) => {
    for (const alertId of await alertsHeldBy(db, suppressionId)) {
      await platform.jobs.enqueue(
        escalate,
        { alertId, reason: 'resume' },
        { key: `${alertId}:resume:${suppressionId ?? 'resync'}` },
      );
    }
  };
  platform.events.onOnce(suppressionEnded, 'alerts.escalation', ({ id }) => resume(id));
  platform.events.onResync('alerts.escalation', () => resume(null));
  const defaultTeam = needs.defaultTeam ? groupRef(needs.defaultTeam) : null;
  const service = {
    db,
    caughtUp: () => drain.caughtUp(),
    publish: platform.publish,
    escalation: { jobs: platform.jobs, job: escalate },
    deliveries: (alertId: string) => needs.notifications.deliveries(alertId),
    slosOf: needs.slosOf,
  };
  const drain = new InboxDrain({
    db,
    jobs: platform.jobs,
    escalate,
    escalateOpened,
    publish: platform.publish,
    log: platform.logger,
  });
  const ingest = {
    db,
    route: {
      whoOwns: (things: readonly string[]) => needs.ownership.whoOwns(things),
      whoOwnsAlerts: (labelSets: readonly Record<string, string>[]) =>
        needs.ownership.whoOwnsAlerts(labelSets),
      defaultTeam,
    },
    // The embedded database writes on this thread: fewer bytes there are worth deflating.
    inbox: new InboxWriter(db, { deflate: platform.database.engine === 'pglite' }),
    gate: new IngestGate(needs.ingestLimit ?? defaultIngestLimit),
    drain,
    maxBacklog: defaultMaxBacklog,
  };
  const readers = (what: string) => ({ kind: what, authorise: allowAnyReader });
  const noise = { db, oncall: needs.oncall, deliveries: service.deliveries };
  const day = 24 * 3600 * 1000;
  return Promise.resolve({
    api: {
      actionLinks: (alertId, options) => signer.actionLinks(alertId, options),
      getAlert: (id) => getAlert(service, id),
      acknowledge: (id, handle, how = 'via Steward') =>
        stepAlert(service, id, 'acknowledged', { handle, how }),
      resolve: (id, handle, how = 'via Steward') => stepAlert(service, id, 'resolved', { handle, how }),
      integrationNamed: (name) => findIntegrationNamed(db, name),
      createIntegration: (input, actor) => createIntegration(db, needs.catalog, { handle: actor }, input),
      raise: (request) =>
        raiseAlert({ db, jobs: platform.jobs, escalate, publish: platform.publish }, request),
      noise: (team, { from, until }) =>
        teamNoise(noise, { team, days: (until.getTime() - from.getTime()) / day }, until),
    },
    routes: [
      integrationRoutes(db, needs.catalog),
      ingestRoutes(ingest),
      alertRoutes(service),
      actionLinkRoutes(service, signer),
      suppression.routes,
      noiseRoutes(noise),
    ],
    jobs: [escalate, escalateOpened, ...suppression.jobs],
    start: async () => drain.start(),
    stop: () => drain.stop(),
    topics: [
      {
        ...readers('alerts'),
        about:
          '`alert.changed` {id, status} when any alert opens, is acknowledged or resolves; any reader may follow it',
      },
      { ...readers('alert'), about: '`alert:<id>`: `alert.changed` for one alert; any reader may follow it' },
    ],
  });
}

function groupRef(text: string): string {
  const parsed = parseEntityRef(text, { defaultKind: 'group', defaultNamespace: 'default' });
  return parsed.ok ? stringifyEntityRef(parsed.ref) : text;
}

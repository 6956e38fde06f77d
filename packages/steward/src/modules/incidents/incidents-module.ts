// Incidents as a running module: declaring and running incidents, their timeline (kept from alerts'
// events too), status updates with reminders, postmortems, follow-ups, response metrics, live topics.
import type { Kysely } from 'kysely';
import type { IncidentSeverityConfig } from '../../platform/config.ts';
import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import { allowAnyReader, type TopicAuthoriser } from '../../platform/realtime/index.ts';
import type { AlertsApi } from '../alerts/index.ts';
import type { Catalog } from '../catalog/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { IncidentContext } from './context.ts';
import { seedDemoIncident } from './demo-incident.ts';
import { followAlerts } from './follow-alerts.ts';
import { getIncident } from './incident-reads.ts';
import { incidentRoutes } from './incident-routes.ts';
import type { IncidentsApi } from './index.ts';
import { incidentJobs } from './jobs.ts';
import { postmortemRoutes } from './postmortem-routes.ts';
import { severitiesOf } from './severities.ts';
import { getIncidentRow } from './store.ts';
import type { IncidentTables } from './tables.ts';

export interface IncidentsNeeds {
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
  alerts: Pick<AlertsApi, 'getAlert' | 'raise' | 'resolve' | 'noise'>;
  notifications: Pick<NotificationsService, 'notifyIncident'>;
  /** Identity's answer to "does this handle exist?", for roles and owners. */
  hasPerson(handle: string): Promise<boolean>;
  /** Undefined: SEV1–SEV4 (severities.ts). */
  severities?: IncidentSeverityConfig[] | undefined;
  publicUrl?: string | undefined;
  /** steward serve --demo: a past incident with its postmortem is there to look at. */
  demo?: boolean | undefined;
}

export function incidentsModuleOf(
  platform: PlatformServices,
  needs: IncidentsNeeds,
): Promise<RunningModule<IncidentsApi>> {
  const ctx: IncidentContext = {
    db: platform.database.kysely<IncidentTables>() as Kysely<IncidentTables>,
    queue: platform.jobs,
    jobs: undefined as never,
    severities: severitiesOf(needs.severities),
    catalog: needs.catalog,
    alerts: needs.alerts,
    notifications: needs.notifications,
    hasPerson: needs.hasPerson,
    publish: platform.publish,
    publicUrl: needs.publicUrl ?? 'http://127.0.0.1:7420',
  };
  ctx.jobs = incidentJobs(ctx);
  followAlerts(ctx, platform.events);
  // Incidents are every reader's to follow, as alerts are; the name must be an incident's id.
  const oneIncident: TopicAuthoriser = async (principal, name) => {
    const denied = allowAnyReader(principal, name);
    if (denied) return denied;
    if (!name) return 'name the incident: incident:<id>';
    return (await getIncidentRow(ctx.db, name)) ? null : `no incident with id ${name}`;
  };
  return Promise.resolve({
    api: {
      getIncident: (id) => getIncident(ctx, id),
      severities: () => ctx.severities.list,
    },
    routes: [incidentRoutes(ctx), postmortemRoutes(ctx)],
    jobs: [ctx.jobs.notice, ctx.jobs.pageCommander, ctx.jobs.updateDue],
    start: async () => {
      if (needs.demo) await seedDemoIncident(ctx.db);
    },
    topics: [
      {
        kind: 'incidents',
        authorise: allowAnyReader,
        about: '`incident.changed` {id, what} when any incident changes; any reader may follow it',
      },
      {
        kind: 'incident',
        authorise: oneIncident,
        about:
          '`incident:<id>`: `incident.changed` {id, what} on every change and timeline item; any reader may follow it',
      },
    ],
  });
}

// What the incidents module's functions share: the database, its jobs, and the faces it uses.
import type { Kysely } from 'kysely';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.ts';
import type { AlertsApi } from '../alerts/index.ts';
import type { Catalog } from '../catalog/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { Severities } from './severities.ts';
import type { IncidentTables } from './tables.ts';

export interface NoticePayload {
  incidentId: string;
  person: string;
  text: string;
  urgency: 'high' | 'low';
  key: string;
}
export interface PagePayload {
  incidentId: string;
}
export interface UpdateDuePayload {
  incidentId: string;
  dueAt: string;
}

export interface IncidentJobs {
  notice: JobDefinition<NoticePayload>;
  pageCommander: JobDefinition<PagePayload>;
  updateDue: JobDefinition<UpdateDuePayload>;
}

export interface IncidentContext {
  db: Kysely<IncidentTables>;
  queue: JobQueue;
  /** Set once the definitions exist (they call back into this context). */
  jobs: IncidentJobs;
  severities: Severities;
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
  alerts: Pick<AlertsApi, 'getAlert' | 'raise' | 'resolve' | 'noise'>;
  notifications: Pick<NotificationsService, 'notifyIncident'>;
  hasPerson(handle: string): Promise<boolean>;
  publish(topic: string, type: string, data: unknown): Promise<number>;
  /** How people reach this Steward, for links in notices. */
  publicUrl: string;
}

export const incidentTopic = (id: string) => `incident:${id}`;

/** After the commit, not awaited: the answer does not wait for the live channel. */
export function published(ctx: IncidentContext, id: string, what: string): void {
  const data = { id, what };
  ctx.publish(incidentTopic(id), 'incident.changed', data).catch(() => undefined);
  ctx.publish('incidents', 'incident.changed', data).catch(() => undefined);
}

export const incidentUrl = (ctx: IncidentContext, id: string) => `${ctx.publicUrl}/incidents/${id}`;

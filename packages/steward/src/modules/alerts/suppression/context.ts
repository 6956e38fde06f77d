// What the suppression services need: the database, the catalog's reads (a maintenance window's
// service must exist, and its owners may open one), the clock, and optionally the alerts' state.
import type { JobDefinition, JobQueue } from '../../../platform/jobs/index.ts';
import type { Catalog } from '../../catalog/index.ts';
import type { EndPayload } from './end-job.ts';
import type { SuppressionDb } from './tables.ts';

/** What the alerts module says of an alert id: unknown (null), firing or resolved. */
export type AlertStatusOf = (alertId: string) => Promise<'firing' | 'resolved' | null>;

export interface SuppressionContext {
  db: SuppressionDb;
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
  now: () => Date;
  /** When given, `untilResolved: <alert id>` is checked against it (404 unknown, 409 resolved). */
  alertStatus?: AlertStatusOf | undefined;
  /** Where the job that announces a set end at its time is enqueued; without it, only early ends are announced. */
  jobs?: JobQueue | undefined;
  endJob: JobDefinition<EndPayload>;
}

export const iso = (date: Date) => date.toISOString();

/** A start in the past is now, as Alertmanager sets it: nothing is silenced retroactively. */
export function startOf(startsAt: string | undefined, now: Date): Date {
  const start = startsAt === undefined ? now : new Date(startsAt);
  return start.getTime() < now.getTime() ? now : start;
}

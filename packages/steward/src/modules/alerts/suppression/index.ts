// Suppression: silences (Alertmanager's label matchers, for a time or until an alert resolves) and
// maintenance windows per service. The alerts module asks `suppressionFor` before paging anyone.
import type { Database } from '../../../platform/db/database.ts';
import type { RoutePlugin } from '../../../platform/http/route-types.ts';
import type { JobDefinition, JobQueue } from '../../../platform/jobs/index.ts';
import type { Catalog } from '../../catalog/index.ts';
import type { AlertStatusOf, SuppressionContext } from './context.ts';
import { type EndPayload, suppressionEndJob } from './end-job.ts';
import { suppressionRoutes } from './routes.ts';
import { expireForResolvedAlert } from './silence-store.ts';
import {
  type Suppression,
  type SuppressionQuery,
  suppressionFor,
  suppressionsFor,
} from './suppression-check.ts';
import { type AnyDb, type SuppressionTables, suppressionDb } from './tables.ts';

export type { AlertStatusOf } from './context.ts';
export { suppressionEnded } from './events.ts';
export {
  assertSilencesSomething,
  type CompiledMatcher,
  compileMatchers,
  type Matcher,
  matcherText,
  matchesAll,
} from './matchers.ts';
export * from './schemas.ts';
export {
  type Suppression,
  type SuppressionQuery,
  suppressionFor,
  suppressionsFor,
} from './suppression-check.ts';
export type { AnyDb, SuppressionDb, SuppressionTables } from './tables.ts';

export interface SuppressionDeps {
  database: Database;
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
  /** The alerts module's answer for an alert id, so `untilResolved: <id>` is checked; optional. */
  alertStatus?: AlertStatusOf | undefined;
  /** Where the job announcing a set end (`alerts.suppression-ended`) at its time is enqueued. */
  jobs?: JobQueue | undefined;
  /** Tests only: the clock. */
  now?: () => Date;
}

export interface SuppressionService {
  routes: RoutePlugin;
  /** For the runner: the job that announces a silence's or window's set end at its time. */
  jobs: JobDefinition<EndPayload>[];
  /** The silence or maintenance window quieting an alert at `at`; pass a transaction to read in it. */
  suppressionFor(query: SuppressionQuery, db?: AnyDb): Promise<Suppression | null>;
  /** The same for many alerts at one time, in one read. */
  suppressionsFor(
    at: Date,
    queries: readonly Omit<SuppressionQuery, 'at'>[],
  ): Promise<(Suppression | null)[]>;
  /** Call when an alert resolves (in its transaction): silences lasting until then end; their ids. */
  alertResolved(alertId: string, at: Date, db?: AnyDb): Promise<string[]>;
}

/** Ends the silences that last until this alert resolves (call in the resolving transaction); their ids. */
export function silencesEndedBy(db: AnyDb, alertId: string, at: Date): Promise<string[]> {
  return expireForResolvedAlert(suppressionDb(db), alertId, at);
}

export function createSuppression(deps: SuppressionDeps): SuppressionService {
  const db = deps.database.kysely<SuppressionTables>();
  const endJob = suppressionEndJob(db);
  const ctx: SuppressionContext = {
    db,
    catalog: deps.catalog,
    now: deps.now ?? (() => new Date()),
    alertStatus: deps.alertStatus,
    jobs: deps.jobs,
    endJob,
  };
  return {
    routes: suppressionRoutes(ctx),
    jobs: [endJob],
    suppressionFor: (query, db) => suppressionFor(db ?? ctx.db, query),
    suppressionsFor: (at, queries) => suppressionsFor(ctx.db, at, queries),
    alertResolved: (alertId, at, db) => silencesEndedBy(db ?? ctx.db, alertId, at),
  };
}

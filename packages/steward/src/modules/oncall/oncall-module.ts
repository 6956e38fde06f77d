// On-call as a running module: a view of the catalog's schedules, policies and groups kept from its
// events, the face the alerts module routes with, the API, and the shift- and gap-notice jobs.
import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import type { Catalog } from '../catalog/index.ts';
import { createCatalogView } from './catalog-view.ts';
import type { OncallContext } from './context.ts';
import { feedRoutes } from './feed-routes.ts';
import { followCatalog } from './follow-catalog.ts';
import { defineGapNotices, type GapNoticeOptions } from './gap-notices.ts';
import { oncallRoutes } from './oncall-routes.ts';
import { createOncallService, type OncallService } from './oncall-service.ts';
import { scheduleRoutes } from './schedule-routes.ts';
import { defineShiftNotices, type ShiftNoticeOptions } from './shift-notices.ts';
import type { OncallTables } from './tables.ts';

export interface OncallNeeds {
  /** Schedules, policies, groups and services are catalog entities. */
  catalog: Pick<Catalog, 'entitiesOfKinds' | 'loadEntitiesByRef'>;
  /** Where calendar feed URLs point; none: the host each request came to. */
  publicUrl?: string | undefined;
  /** Shift notices: sent only when notifyShift is given (the notifications module's). */
  shiftNotices?: ShiftNoticeOptions | undefined;
  /** Gap notices to the schedule's owning team: sent only when notifyGap is given. */
  gapNotices?: GapNoticeOptions | undefined;
  /** Tests only: the clock. */
  now?: () => Date;
}

export function oncallModuleOf(
  platform: PlatformServices,
  needs: OncallNeeds,
): Promise<RunningModule<OncallService>> {
  const db = platform.database.kysely<OncallTables>();
  const view = createCatalogView(needs.catalog, (ref, message) =>
    platform.logger.warn({ schedule: ref }, `schedule ${ref} is left out of on-call: ${message}`),
  );
  followCatalog(platform.events, view);
  const now = needs.now ?? (() => new Date());
  const service = createOncallService({ db, view, catalog: needs.catalog });
  const ctx: OncallContext = { db, view, catalog: needs.catalog, service, publicUrl: needs.publicUrl, now };
  const notices = defineShiftNotices({ db, view, jobs: platform.jobs, now }, needs.shiftNotices ?? {});
  const gapNotices = defineGapNotices({ db, view, jobs: platform.jobs, now }, needs.gapNotices ?? {});
  return Promise.resolve({
    api: service,
    routes: [oncallRoutes(ctx), scheduleRoutes(ctx), feedRoutes(ctx)],
    jobs: [...notices.definitions, ...gapNotices.definitions],
    async start() {
      await notices.start();
      await gapNotices.start();
    },
  });
}

// The catalog as a running module: its service, routes and `catalog` topic; at start, uploads an older
// Steward kept on disk move into the database, then the server's own catalogs (--catalog, --demo) are read.

import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import { allowAnyReader } from '../../platform/realtime/index.ts';
import type { AttachmentHandler } from './attachments.ts';
import { type CatalogService, createCatalog } from './catalog-service.ts';
import type { CatalogOptions } from './engine/model.ts';
import { catalogRoutes } from './http/routes.ts';
import { publishCatalogChanges } from './live-changes.ts';
import type { IngestSummaryView } from './schemas.ts';

/** What other modules may use of the catalog: its reads, and Groups and Users for identity; never its store or sources. */
export type Catalog = Pick<
  CatalogService,
  | 'loadEntities'
  | 'loadEntitiesByRef'
  | 'entitiesOfKinds'
  | 'codeownersFiles'
  | 'sourceRepositories'
  | 'rejectedEntities'
  | 'getEntity'
  | 'listEntities'
  | 'people'
>;

export interface CatalogNeeds {
  /** Clones live under `<dataDir>/sources/<id>`. */
  dataDir: string;
  gitAllowLocal?: boolean | undefined;
  /** The organisation's catalog rules and kinds of its own (from --catalog-rules). */
  catalogOptions?: CatalogOptions | undefined;
  /** Directories or files on the server read as sources of their own at start (--catalog). */
  catalogPaths?: readonly string[] | undefined;
  /** The demo organisation, read at start with everyone's shared password (--demo). */
  demo?: { dir: string; password: string } | undefined;
  /** What other modules store of files entities attach by annotation (the SLO module: its specs). */
  attachments?: readonly AttachmentHandler[] | undefined;
}

export function catalogModuleOf(
  platform: PlatformServices,
  needs: CatalogNeeds,
): Promise<RunningModule<Catalog>> {
  const { logger } = platform;
  const catalog = createCatalog({
    database: platform.database,
    logger,
    dataDir: needs.dataDir,
    gitAllowLocal: needs.gitAllowLocal,
    catalogOptions: needs.catalogOptions,
    attachments: needs.attachments,
    jobs: platform.jobs,
  });
  // What changed reaches the portal's followers of `catalog` once, whichever server made the change.
  publishCatalogChanges(platform.events, (type, data) => platform.publish('catalog', type, data));
  return Promise.resolve({
    api: catalog,
    routes: [catalogRoutes(catalog)],
    jobs: catalog.jobs,
    topics: [
      {
        kind: 'catalog',
        authorise: allowAnyReader,
        about:
          '`catalog.changed` events when an entity is created, updated or deleted and when a source is read or removed; any reader may follow it',
      },
    ],
    async start() {
      await catalog.start();
      // Read by jobs, so servers started together with the same paths read each once; the server is
      // ready once they have been read.
      for (const path of needs.catalogPaths ?? []) {
        const read = await catalog.ingestPath(path);
        logger.info(ingestLog(read), `catalog ${path} read`);
      }
      if (needs.demo) {
        const { dir, password } = needs.demo;
        const read = await catalog.ingestPath(dir, { name: 'demo: Acme (examples/acme)', demo: true });
        logger.info(
          ingestLog(read),
          `demo organisation loaded: everyone signs in with the password ${password}`,
        );
      }
    },
  });
}

function ingestLog(read: IngestSummaryView) {
  const { added, updated, removed, unchanged, durationMs, errorCount, warningCount } = read;
  return { added, updated, removed, unchanged, errors: errorCount, warnings: warningCount, durationMs };
}

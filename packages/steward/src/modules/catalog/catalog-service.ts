// The catalog as the server runs it: the store, sources and their ingests, identity sync,
// put together once for the composition root (its HTTP routes are in routes.ts).
import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.ts';
import type { Logger } from '../../platform/logging.ts';
import type { CatalogEntity, CatalogOptions } from './engine/model.ts';
import type { ImportOrg } from './identity-sync.ts';
import { type EntityListQuery, getEntityDetail, listEntities } from './queries/entity-queries.ts';
import type { EntityDetail, EntityList, IngestSummaryView } from './schemas.ts';
import { defineSourceJobs } from './source-jobs.ts';
import { ingestServerPath } from './source-operations.ts';
import type { SourceContext } from './source-work.ts';
import { adoptUploadsOnDisk } from './sources/uploads-on-disk.ts';
import { listCodeownersFiles } from './store/codeowners-store.ts';
import { loadAllEntities } from './store/entity-export.ts';
import type { CatalogDb, CatalogTables } from './store/tables.ts';

export interface CatalogDeps {
  database: Database;
  logger: Logger;
  /** Clones live under `<dataDir>/sources/<id>` (uploads are in the database; older ones are moved there on start). */
  dataDir: string;
  /** Reading and removing sources are enqueued on it; the runner runs the catalog's `jobs`. */
  jobs: JobQueue;
  /** Given to people the demo creates (`ingestPath(…, { demo: true })`). */
  demoPassword?: string | undefined;
  /** Identity's importOrg: Group and User entities become teams and people. */
  importOrg?: ImportOrg;
  catalogOptions?: CatalogOptions;
  gitTimeoutMs?: number;
  /** Whether a git source may be a path on the server (ServeConfig.gitAllowLocal). */
  gitAllowLocal?: boolean | undefined;
  /** Entities written per transaction (default 2000). */
  batchSize?: number;
  /** Trees with at least this many catalog files are read in a worker thread (default 200). */
  workerFromFiles?: number;
}

export interface CatalogService {
  db: CatalogDb;
  sources: SourceContext;
  catalogOptions: CatalogOptions | undefined;
  /** The catalog's job definitions (reading and removing sources), for the runner to run. */
  // biome-ignore lint/suspicious/noExplicitAny: each definition has its own payload type.
  jobs: JobDefinition<any>[];
  /** Before the first ingest: uploads an older Steward kept on this server's disk move into the database. */
  start(): Promise<void>;
  /**
   * Reads a catalog directory or file on the server as a source of its own (`--catalog`, `--demo`), as
   * a job, answering once it has finished (the job runner must be started).
   */
  ingestPath(
    path: string,
    request?: { name?: string; demo?: boolean; onProgress?: (progress: unknown) => void },
  ): Promise<IngestSummaryView>;
  /** CODEOWNERS files of repository and directory sources, for "who owns this file". */
  codeownersFiles(
    sourceId?: string,
  ): Promise<{ sourceId: string; path: string; content: string; repository: string | null }[]>;
  /** Every entity, owners and relations included, for indexes kept in memory (ownership). */
  loadEntities(): Promise<CatalogEntity[]>;
  /** One entity as GET /api/v1/entities/{kind}/{namespace}/{name} answers it. */
  getEntity(ref: string): Promise<EntityDetail>;
  /** A page of entities with facets, as GET /api/v1/entities answers it. */
  listEntities(query: EntityListQuery): Promise<EntityList>;
  /** These entities as loadEntities gives them; refs the catalog does not have are left out. */
  loadEntitiesByRef(refs: readonly string[]): Promise<CatalogEntity[]>;
}

export function createCatalog(deps: CatalogDeps): CatalogService {
  const db = deps.database.kysely<CatalogTables>();
  const sources: SourceContext = {
    db,
    dataDir: deps.dataDir,
    logger: deps.logger,
    catalogOptions: deps.catalogOptions,
    gitTimeoutMs: deps.gitTimeoutMs,
    gitAllowLocal: deps.gitAllowLocal,
    batchSize: deps.batchSize,
    workerFromFiles: deps.workerFromFiles,
    importOrg: deps.importOrg,
    jobs: deps.jobs,
    demoPassword: deps.demoPassword,
  };
  const sourceJobs = defineSourceJobs(sources);
  sources.sourceJobs = sourceJobs;
  const service: CatalogService = {
    db,
    sources,
    catalogOptions: deps.catalogOptions,
    jobs: [sourceJobs.ingest, sourceJobs.remove],
    start: () => adoptUploadsOnDisk(db, deps.dataDir, deps.logger),
    ingestPath: (path, request) => ingestServerPath(sources, path, request),
    codeownersFiles: (sourceId) => listCodeownersFiles(db, sourceId),
    loadEntities: () => loadAllEntities(db),
    getEntity: (ref) => getEntityDetail(db, ref),
    listEntities: (query) => listEntities(db, query),
    loadEntitiesByRef: (refs) => loadAllEntities(db, refs),
  };
  return service;
}

// The catalog as the server runs it: the store, sources and their ingests, Groups and Users for identity,
// put together once for the composition root (its HTTP routes are in routes.ts).

import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.ts';
import type { Logger } from '../../platform/logging.ts';
import type { AttachmentHandler } from './attachments.ts';
import { type PeopleEntities, peopleEntities } from './edits/people-entities.ts';
import type { CatalogEntity, CatalogOptions } from './engine/model.ts';
import { type EntityListQuery, getEntityDetail, listEntities } from './queries/entity-queries.ts';
import type { EntityDetail, EntityList, IngestSummaryView } from './schemas.ts';
import { defineSourceJobs } from './source-jobs.ts';
import { ingestServerPath } from './source-operations.ts';
import type { SourceContext } from './source-work.ts';
import { adoptUploadsOnDisk } from './sources/uploads-on-disk.ts';
import { listCodeownersFiles } from './store/codeowners-store.ts';
import { type EntityView, loadAllEntities } from './store/entity-export.ts';
import { refsOfKinds } from './store/entity-reads.ts';
import { findRejections, type Rejection, type RejectionQuery } from './store/rejections.ts';
import { listSourceRepositories } from './store/source-store.ts';
import type { CatalogDb, CatalogTables } from './store/tables.ts';

export interface CatalogDeps {
  database: Database;
  logger: Logger;
  /** Clones live under `<dataDir>/sources/<id>` (uploads are in the database; older ones are moved there on start). */
  dataDir: string;
  /** Reading and removing sources are enqueued on it; the runner runs the catalog's `jobs`. */
  jobs: JobQueue;
  catalogOptions?: CatalogOptions;
  gitTimeoutMs?: number;
  /** Whether a git source may be a path on the server (ServeConfig.gitAllowLocal). */
  gitAllowLocal?: boolean | undefined;
  /** Entities written per transaction (default 2000). */
  batchSize?: number;
  /** Trees with at least this many catalog files are read in a worker thread (default 200). */
  workerFromFiles?: number;
  /** What other modules store of files entities attach (SLO specs), in each ingest's transaction. */
  attachments?: readonly AttachmentHandler[] | undefined;
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
  /** Entities the catalog rejected for errors (not stored), by ref or by name, with their problems. */
  rejectedEntities(wanted: RejectionQuery): Promise<Rejection[]>;
  /** Which repository each source read from files is, and where its root sits in it. */
  sourceRepositories(): Promise<{ sourceId: string; repository: string; path: string }[]>;
  /** Every entity, owners and relations included (or as the view says), for indexes kept in memory (ownership). */
  loadEntities(view?: EntityView): Promise<CatalogEntity[]>;
  /** One entity as GET /api/v1/entities/{kind}/{namespace}/{name} answers it; the ref in any case. */
  getEntity(ref: string): Promise<EntityDetail>;
  /** A page of entities with facets, as GET /api/v1/entities answers it. */
  listEntities(query: EntityListQuery): Promise<EntityList>;
  /** These entities as loadEntities gives them (refs in any case); refs the catalog does not have are left out. */
  loadEntitiesByRef(refs: readonly string[], view?: EntityView): Promise<CatalogEntity[]>;
  /** Every entity of these kinds (lower case, e.g. `schedule`), as loadEntities gives them: small views (on-call). */
  entitiesOfKinds(kinds: readonly string[]): Promise<CatalogEntity[]>;
  /** Groups and Users, read and written for identity (teams and people are these entities). */
  people: PeopleEntities;
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
    attachments: deps.attachments,
    jobs: deps.jobs,
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
    sourceRepositories: () => listSourceRepositories(db),
    rejectedEntities: (wanted) => findRejections(db, wanted),
    loadEntities: (view) => loadAllEntities(db, undefined, view),
    // Refs compare ignoring case, as in Backstage: the store keeps them in lower case.
    getEntity: (ref) => getEntityDetail(db, ref.toLowerCase()),
    listEntities: (query) => listEntities(db, query),
    loadEntitiesByRef: (refs, view) =>
      loadAllEntities(
        db,
        refs.map((ref) => ref.toLowerCase()),
        view,
      ),
    entitiesOfKinds: async (kinds) => loadAllEntities(db, await refsOfKinds(db, kinds)),
    people: peopleEntities(db, () => deps.catalogOptions),
  };
  return service;
}

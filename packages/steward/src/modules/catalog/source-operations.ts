// Sources as operations: add a git repository or an upload, read a server path, refresh, remove. Each
// request records what was asked and enqueues a job (source-jobs.ts) that does the work: ingests of one
// source run one at a time, in order, on whichever server claims them. What changed is told by the
// domain events the store emits in its transactions (events.ts): identity follows Groups and Users.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { JobRecord } from '../../platform/jobs/index.ts';
import type { CreateSource, IngestSummaryView } from './schemas.ts';
import { type IngestPayload, type SourceContext, type SourceJobs, sourceSerialKey } from './source-work.ts';
import { assertGitUrl } from './sources/git.ts';
import { sourceDirectory } from './sources/read-source.ts';
import { assertUploadPaths, bytesOf } from './sources/upload-files.ts';
import { removeUploadOnDisk } from './sources/uploads-on-disk.ts';
import { ensureSource, findSource, setSourceRepository } from './store/source-store.ts';
import type { CatalogDb, SourceKind, SourceRow } from './store/tables.ts';
import { replaceUploadFiles } from './store/upload-store.ts';

export function sourceIdFor(kind: SourceKind, target: string): string {
  return `${kind}-${createHash('sha256').update(target).digest('hex').slice(0, 16)}`;
}

function jobsOf(ctx: SourceContext): SourceJobs {
  if (!ctx.sourceJobs)
    throw new Error('the catalog source jobs are not defined: create the catalog with createCatalog');
  return ctx.sourceJobs;
}

/** Enqueues an ingest of the source, after any other job of the same source. */
function enqueueIngest(
  ctx: SourceContext,
  source: SourceRow,
  payload: Omit<IngestPayload, 'sourceId'>,
  options: { trx?: CatalogDb; key?: string; enqueuedBy?: string } = {},
): Promise<string> {
  return ctx.jobs.enqueue(
    jobsOf(ctx).ingest,
    { sourceId: source.id, ...payload },
    {
      serialKey: sourceSerialKey(source.id),
      key: options.key,
      enqueuedBy: options.enqueuedBy,
      trx: options.trx as never,
    },
  );
}

/**
 * A directory or file on the server (`--catalog`, `--demo`), read by a job; answers when the job has
 * finished. Servers started together with the same path share one job (the source's id is its dedup
 * key): the catalog is read once.
 */
export async function ingestServerPath(
  ctx: SourceContext,
  path: string,
  request: { name?: string; demo?: boolean; onProgress?: (progress: unknown) => void } = {},
): Promise<IngestSummaryView> {
  const target = resolve(path);
  const { row } = await ensureSource(ctx.db, {
    id: sourceIdFor('dir', target),
    kind: 'dir',
    target,
    name: request.name ?? target,
  });
  const id = await enqueueIngest(ctx, row, { demo: request.demo }, { key: row.id });
  return ingestResult(await ctx.jobs.waitFor(id, { onProgress: request.onProgress }));
}

/** The summary a finished ingest job answered, or its error. */
function ingestResult(job: JobRecord): IngestSummaryView {
  if (job.state !== 'succeeded') {
    throw new Error(job.lastError ?? `the ingest job ${job.id} ended ${job.state}`);
  }
  return job.result as IngestSummaryView;
}

export async function addSource(ctx: SourceContext, caller: Principal, input: CreateSource) {
  const target = input.kind === 'git' ? input.url : input.name;
  if (input.kind === 'git') assertGitUrl(input.url, 'body.url', ctx.gitAllowLocal);
  else assertUploadPaths(input.files);
  const id = sourceIdFor(input.kind, target);
  const files =
    input.kind === 'upload' ? input.files.map((f) => ({ path: f.path, content: bytesOf(f.content) })) : [];
  const { row, created, jobId } = await ctx.db.transaction().execute(async (trx) => {
    const ensured = await ensureSource(trx, { id, kind: input.kind, target, name: input.name ?? target });
    // In the source's transaction: the files before are replaced whole, or not at all.
    if (input.kind === 'upload') await replaceUploadFiles(trx, id, files);
    if (input.kind === 'upload' && input.repository) await setSourceRepository(trx, id, input.repository);
    const action = ensured.created ? 'catalog-source.create' : 'catalog-source.refresh';
    await recordAudit(trx, {
      actor: caller.handle,
      action,
      subjectType: 'catalog-source',
      subjectId: id,
      after: { kind: input.kind, target },
    });
    // The job exists if and only if the source (and its files) do.
    const jobId = await enqueueIngest(ctx, ensured.row, {}, { trx, enqueuedBy: caller.handle });
    return { ...ensured, jobId };
  });
  // A copy kept on this server's disk before uploads moved to the database is older than these.
  if (input.kind === 'upload') await removeUploadOnDisk(sourceDirectory(ctx.dataDir, id));
  return { created, source: row, jobId };
}

export async function refreshSource(ctx: SourceContext, caller: Principal, id: string) {
  const row = await existingSource(ctx.db, id);
  const jobId = await ctx.db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'catalog-source.refresh',
      subjectType: 'catalog-source',
      subjectId: id,
    });
    return enqueueIngest(ctx, row, {}, { trx, enqueuedBy: caller.handle });
  });
  return { source: row, jobId };
}

/** Enqueues the removal of the source, after any ingest of it already asked for. */
export async function removeSource(ctx: SourceContext, caller: Principal, id: string) {
  const row = await existingSource(ctx.db, id);
  if (row.kind === 'api')
    throw conflict('the api source holds the entities created through the API: delete those one by one');
  const jobId = await ctx.jobs.enqueue(
    jobsOf(ctx).remove,
    { sourceId: id, actor: caller.handle },
    { serialKey: sourceSerialKey(id), enqueuedBy: caller.handle },
  );
  return { source: row, jobId };
}

async function existingSource(db: CatalogDb, id: string): Promise<SourceRow> {
  const row = await findSource(db, id);
  if (!row) throw notFound(`no catalog source ${id}; list them with GET /api/v1/catalog/sources`);
  return row;
}

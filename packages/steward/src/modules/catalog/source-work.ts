// What the source jobs do (source-jobs.ts defines them on the runner, source-operations.ts enqueues
// them): read a source into the store, or remove it, with the payloads they are given. Both are
// idempotent, as the job contract requires: an ingest writes only the difference from the store, in
// one transaction, and a removal of a source already gone removes nothing.
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { JobContext, JobDefinition, JobQueue } from '../../platform/jobs/index.ts';
import type { Logger } from '../../platform/logging.ts';
import { type IngestDeps, ingestSource } from './ingest/ingest-source.ts';
import { summaryView } from './queries/source-views.ts';
import type { IngestSummaryView } from './schemas.ts';
import { sourceDirectory } from './sources/read-source.ts';
import { removeUploadOnDisk } from './sources/uploads-on-disk.ts';
import { refsOfSource } from './store/entity-state.ts';
import { writeEntityChanges } from './store/entity-writes.ts';
import { deleteSourceRow, findSource } from './store/source-store.ts';

export interface SourceContext extends IngestDeps {
  logger: Logger;
  /** The job runner the source jobs are registered on and enqueued through. */
  jobs: JobQueue;
  /** Set once the jobs are defined (createCatalog). */
  sourceJobs?: SourceJobs;
}

/** The source jobs as the runner knows them (source-jobs.ts). */
export interface SourceJobs {
  ingest: JobDefinition<IngestPayload>;
  remove: JobDefinition<RemovePayload>;
}

export const ingestPayloadSchema = z.object({
  sourceId: z.string().min(1),
  /** `user:<handle>` when a person asked; the source's own otherwise. */
  actor: z.string().optional(),
  /** Read by older servers (the demo's shared password); identity gives it now (IdentityNeeds). */
  demo: z.boolean().optional(),
});
export type IngestPayload = z.infer<typeof ingestPayloadSchema>;

export const removePayloadSchema = z.object({ sourceId: z.string().min(1), actor: z.string() });
export type RemovePayload = z.infer<typeof removePayloadSchema>;

export const sourceSerialKey = (sourceId: string) => `catalog-source:${sourceId}`;

/**
 * The ingest job's work. Idempotent: the ingest writes only the difference from the store, in one
 * transaction. Identity follows the Groups and Users it changed from the domain events.
 */
export async function ingestJobWork(
  ctx: SourceContext,
  payload: IngestPayload,
  job: JobContext,
): Promise<IngestSummaryView | { skipped: string }> {
  const source = await findSource(ctx.db, payload.sourceId);
  if (!source) return { skipped: `the source ${payload.sourceId} was removed before it was read` };
  const summary = await ingestSource(ctx, source, { actor: payload.actor, onProgress: job.progress });
  return summaryView(summary);
}

/**
 * The removal job's work: the source, its entities and every relation they declared (both ways), in
 * one transaction, then its files (an upload's rows go with the source row; a clone, or an upload kept
 * on disk before, is removed here). Idempotent: a source already gone removes nothing.
 */
export async function removeJobWork(
  ctx: SourceContext,
  payload: RemovePayload,
): Promise<{ removed: number }> {
  const { sourceId: id } = payload;
  const row = await findSource(ctx.db, id);
  if (!row) return { removed: 0 };
  const removed = await ctx.db.transaction().execute(async (trx) => {
    const refs = await refsOfSource(trx, id);
    const changes = {
      sourceId: id,
      actor: `user:${payload.actor}`,
      revision: null,
      created: [],
      updated: [],
    };
    await writeEntityChanges(trx, { ...changes, moved: [], removed: refs });
    await deleteSourceRow(trx, id);
    const before = { kind: row.kind, target: row.target, entities: refs.length };
    await recordAudit(trx, {
      actor: payload.actor,
      action: 'catalog-source.delete',
      subjectType: 'catalog-source',
      subjectId: id,
      before,
    });
    return refs.length;
  });
  if (row.kind === 'git') await rm(sourceDirectory(ctx.dataDir, id), { recursive: true, force: true });
  if (row.kind === 'upload') await removeUploadOnDisk(sourceDirectory(ctx.dataDir, id));
  return { removed };
}

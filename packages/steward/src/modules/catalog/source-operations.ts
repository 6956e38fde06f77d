// Sources as operations: add a git repository or an upload, read a server path, refresh, remove.
// Ingests of one source run one at a time; after each, Group and User changes reach identity. What
// changed is told by the domain events the store emits in its transactions (events.ts).
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logging.ts';
import { type ImportOrg, identityKinds, syncIdentity } from './identity-sync.ts';
import {
  type IngestDeps,
  type IngestProgress,
  type IngestSummary,
  ingestSource,
} from './ingest/ingest-source.ts';
import type { CreateSource } from './schemas.ts';
import { assertGitUrl } from './sources/git.ts';
import { sourceDirectory } from './sources/read-source.ts';
import { assertUploadPaths, bytesOf } from './sources/upload-files.ts';
import { removeUploadOnDisk } from './sources/uploads-on-disk.ts';
import { refsOfSource } from './store/entity-state.ts';
import { writeEntityChanges } from './store/entity-writes.ts';
import { deleteSourceRow, ensureSource, findSource } from './store/source-store.ts';
import type { CatalogDb, SourceKind, SourceRow } from './store/tables.ts';
import { replaceUploadFiles } from './store/upload-store.ts';

export interface SourceContext extends IngestDeps {
  logger: Logger;
  importOrg?: ImportOrg | undefined;
  /** Per source, the ingest under way: the next one waits for it. */
  running: Map<string, Promise<unknown>>;
}

export interface IngestRequest {
  actor?: string;
  /** Given to people the ingest creates (the demo's shared password). */
  password?: string | undefined;
  onProgress?: (progress: IngestProgress) => void;
}

export function sourceIdFor(kind: SourceKind, target: string): string {
  return `${kind}-${createHash('sha256').update(target).digest('hex').slice(0, 16)}`;
}

/** One at a time per source, in the order asked. */
function serialised<T>(ctx: SourceContext, id: string, work: () => Promise<T>): Promise<T> {
  const previous = ctx.running.get(id) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(work);
  ctx.running.set(id, next);
  void next
    .catch(() => {})
    .finally(() => {
      if (ctx.running.get(id) === next) ctx.running.delete(id);
    });
  return next;
}

export function runIngest(
  ctx: SourceContext,
  source: SourceRow,
  request: IngestRequest = {},
): Promise<IngestSummary> {
  return serialised(ctx, source.id, async () => {
    const onProgress = request.onProgress ?? loggedProgress(ctx, source);
    const summary = await ingestSource(ctx, source, { actor: request.actor, onProgress });
    if (ctx.importOrg && (summary.changedKinds.some((k) => identityKinds.includes(k)) || request.password)) {
      const sync = syncIdentity(ctx.db, ctx.importOrg, request.password).catch((error) => {
        ctx.logger.warn(
          { err: error, source: source.id },
          'catalog groups and users could not be synced to teams and people',
        );
      });
      // With a password (the demo) people must be able to sign in once the ingest answers; otherwise a
      // large organisation's sync (a statement per person) should not hold the ingest's caller.
      if (request.password) await sync;
    }
    return summary;
  });
}

/** Progress of a long ingest in the log, every few seconds, when no one else is shown it. */
function loggedProgress(ctx: SourceContext, source: SourceRow) {
  let last = Date.now();
  return (progress: IngestProgress) => {
    if (Date.now() - last < 5000) return;
    last = Date.now();
    ctx.logger.info({ source: source.id, ...progress }, `reading catalog source ${source.name}`);
  };
}

/** A directory or file on the server (`--catalog`, `--demo`). */
export async function ingestServerPath(
  ctx: SourceContext,
  path: string,
  request: IngestRequest & { name?: string } = {},
) {
  const target = resolve(path);
  const { row } = await ensureSource(ctx.db, {
    id: sourceIdFor('dir', target),
    kind: 'dir',
    target,
    name: request.name ?? target,
  });
  return runIngest(ctx, row, request);
}

export async function addSource(ctx: SourceContext, caller: Principal, input: CreateSource) {
  const target = input.kind === 'git' ? input.url : input.name;
  if (input.kind === 'git') assertGitUrl(input.url, 'body.url', ctx.gitAllowLocal);
  else assertUploadPaths(input.files);
  const id = sourceIdFor(input.kind, target);
  const files =
    input.kind === 'upload' ? input.files.map((f) => ({ path: f.path, content: bytesOf(f.content) })) : [];
  const { row, created } = await ctx.db.transaction().execute(async (trx) => {
    const ensured = await ensureSource(trx, { id, kind: input.kind, target, name: input.name ?? target });
    // In the source's transaction: the files before are replaced whole, or not at all.
    if (input.kind === 'upload') await replaceUploadFiles(trx, id, files);
    const action = ensured.created ? 'catalog-source.create' : 'catalog-source.refresh';
    await recordAudit(trx, {
      actor: caller.handle,
      action,
      subjectType: 'catalog-source',
      subjectId: id,
      after: { kind: input.kind, target },
    });
    return ensured;
  });
  // A copy kept on this server's disk before uploads moved to the database is older than these.
  if (input.kind === 'upload') await removeUploadOnDisk(sourceDirectory(ctx.dataDir, id));
  return { created, summary: await runIngest(ctx, row) };
}

export async function refreshSource(ctx: SourceContext, caller: Principal, id: string) {
  const row = await existingSource(ctx.db, id);
  await recordAudit(ctx.db, {
    actor: caller.handle,
    action: 'catalog-source.refresh',
    subjectType: 'catalog-source',
    subjectId: id,
  });
  return runIngest(ctx, row);
}

/** Removes the source, its entities and every relation they declared (both ways), and its files (an
 * upload's rows go with the source row; a clone, or an upload kept on disk before, is removed here). */
export async function removeSource(ctx: SourceContext, caller: Principal, id: string) {
  const row = await existingSource(ctx.db, id);
  if (row.kind === 'api')
    throw conflict('the api source holds the entities created through the API: delete those one by one');
  const removed = await serialised(ctx, id, async () => {
    const refs = await refsOfSource(ctx.db, id);
    for (let i = 0; i < refs.length; i += 2000) {
      const changes = {
        sourceId: id,
        actor: `user:${caller.handle}`,
        revision: null,
        created: [],
        updated: [],
        moved: [],
      };
      await ctx.db
        .transaction()
        .execute((trx) => writeEntityChanges(trx, { ...changes, removed: refs.slice(i, i + 2000) }));
    }
    await ctx.db.transaction().execute(async (trx) => {
      await deleteSourceRow(trx, id);
      const before = { kind: row.kind, target: row.target, entities: refs.length };
      await recordAudit(trx, {
        actor: caller.handle,
        action: 'catalog-source.delete',
        subjectType: 'catalog-source',
        subjectId: id,
        before,
      });
    });
    if (row.kind === 'git') await rm(sourceDirectory(ctx.dataDir, id), { recursive: true, force: true });
    if (row.kind === 'upload') await removeUploadOnDisk(sourceDirectory(ctx.dataDir, id));
    return refs.length;
  });
  return removed;
}

async function existingSource(db: CatalogDb, id: string): Promise<SourceRow> {
  const row = await findSource(db, id);
  if (!row) throw notFound(`no catalog source ${id}; list them with GET /api/v1/catalog/sources`);
  return row;
}

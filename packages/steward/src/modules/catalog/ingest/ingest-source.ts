// Ingests one source: read it (files, clone, upload) with the engine, writing what changed as it is
// read. A source that cannot be read keeps its entities and is marked failed with the reason.
import { type AttachmentHandler, claimsOf } from '../attachments.ts';
import type { CatalogOptions } from '../engine/model.ts';
import { readSource } from '../sources/read-source.ts';
import { recordFailure } from '../store/source-store.ts';
import type { CatalogDb, SourceRow } from '../store/tables.ts';
import { type IngestCounts, writeSource } from './write-source.ts';

export interface IngestProgress {
  files: number;
  entities: number;
  /** Entities compared with the store (and written when they changed) so far. */
  written: number;
}

export interface IngestDeps {
  db: CatalogDb;
  dataDir: string;
  catalogOptions?: CatalogOptions | undefined;
  gitTimeoutMs?: number | undefined;
  /** Whether a git source may be a path on the server (off unless the operator allows it). */
  gitAllowLocal?: boolean | undefined;
  /** Entities per write transaction (default 2000). */
  batchSize?: number | undefined;
  /** Trees with at least this many catalog files are read in a worker thread. */
  workerFromFiles?: number | undefined;
  /** What other modules store of files entities attach (SLO specs), in the ingest's transaction. */
  attachments?: readonly AttachmentHandler[] | undefined;
}

export interface IngestSummary extends IngestCounts {
  revision: string | null;
  files: number;
  durationMs: number;
}

export async function ingestSource(
  deps: IngestDeps,
  source: SourceRow,
  options: { actor?: string | undefined; onProgress?: ((progress: IngestProgress) => void) | undefined } = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const progress: IngestProgress = { files: 0, entities: 0, written: 0 };
  const report = () => options.onProgress?.(progress);
  try {
    const { read, ...counts } = await writeSource(
      deps.db,
      source.id,
      (sink) =>
        readSource(source, deps, {
          catalog: deps.catalogOptions,
          gitTimeoutMs: deps.gitTimeoutMs,
          gitAllowLocal: deps.gitAllowLocal,
          workerFromFiles: deps.workerFromFiles,
          batch: deps.batchSize,
          attach: deps.attachments?.map((h) => h.annotation),
          claims: claimsOf(deps.attachments ?? []),
          onRevision: sink.onRevision,
          onRows: sink.onRows,
          onProgress(p) {
            progress.files = p.files;
            progress.entities = p.entities;
            report();
          },
        }),
      {
        actor: options.actor,
        batchSize: deps.batchSize,
        attachments: deps.attachments,
        onProgress(p) {
          progress.written = p.written;
          report();
        },
      },
    );
    return {
      ...counts,
      revision: read.revision,
      files: read.files,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    await recordFailure(deps.db, source.id, (error as Error).message);
    throw error;
  }
}

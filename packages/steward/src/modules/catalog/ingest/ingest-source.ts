// Ingests one source: read it (files, clone, upload) with the engine, then write what changed.
// A source that cannot be read keeps its entities and is marked failed with the reason.
import type { CatalogOptions } from '../model.ts';
import { readSource } from '../sources/read-source.ts';
import { recordFailure } from '../store/source-store.ts';
import type { CatalogDb, SourceRow } from '../store/tables.ts';
import { type IngestCounts, writeSource } from './write-source.ts';

export interface IngestProgress {
  phase: 'read' | 'write';
  files: number;
  entities: number;
  written: number;
  total: number;
}

export interface IngestDeps {
  db: CatalogDb;
  dataDir: string;
  catalogOptions?: CatalogOptions;
  gitTimeoutMs?: number;
  /** Entities per write transaction. */
  batchSize?: number;
}

export interface IngestSummary extends IngestCounts {
  revision: string | null;
  files: number;
  durationMs: number;
}

export async function ingestSource(
  deps: IngestDeps,
  source: SourceRow,
  options: { actor?: string; onProgress?: (progress: IngestProgress) => void } = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const progress: IngestProgress = { phase: 'read', files: 0, entities: 0, written: 0, total: 0 };
  let read: Awaited<ReturnType<typeof readSource>>;
  try {
    read = await readSource(source, deps.dataDir, {
      catalog: deps.catalogOptions,
      gitTimeoutMs: deps.gitTimeoutMs,
      onProgress: (p) => {
        progress.files = p.files;
        progress.entities = p.entities;
        options.onProgress?.(progress);
      },
    });
  } catch (error) {
    await recordFailure(deps.db, source.id, (error as Error).message);
    throw error;
  }
  progress.phase = 'write';
  const counts = await writeSource(deps.db, source.id, read, {
    revision: read.revision,
    actor: options.actor,
    batchSize: deps.batchSize,
    onProgress: (p) => {
      progress.written = p.written;
      progress.total = p.total;
      options.onProgress?.(progress);
    },
  });
  return {
    ...counts,
    revision: read.revision,
    files: read.files,
    durationMs: Math.round(performance.now() - started),
  };
}

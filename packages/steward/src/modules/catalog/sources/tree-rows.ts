// Reads a tree as rows ready to store, in this thread or (for a large source) in a worker thread,
// so that reading and validating one part overlaps with writing the part before. Either way the
// rows arrive in batches, in file order, and the whole-set result comes last.
import { Worker } from 'node:worker_threads';
import { StewardError } from '../../../platform/errors.ts';
import type { FileClaim } from '../attachments.ts';
import type { CatalogEntity, CatalogOptions } from '../engine/model.ts';
import { toEntityRecord } from '../store/entity-record.ts';
import { type StoredRow, toStoredRow } from '../store/entity-rows.ts';
import type { LoadProgress } from './load.ts';
import { readTree, type TreeRead } from './read-tree.ts';

export interface RowsOptions {
  catalog?: CatalogOptions | undefined;
  onProgress?: ((progress: LoadProgress) => void) | undefined;
  onRows: (rows: StoredRow[]) => void;
  inWorker: boolean;
  /** Annotations naming files to read beside an entity. */
  attach?: readonly string[] | undefined;
  /** Kinds of files read for other modules wherever they are in the tree. */
  claims?: readonly FileClaim[] | undefined;
  /** Rows handed out at a time (default rowBatch). */
  batch?: number | undefined;
}

/** Rows handed out at a time: large enough to be one write, small enough to start writing early. */
export const rowBatch = 2000;

export function readTreeRows(target: string, options: RowsOptions): Promise<TreeRead> {
  return options.inWorker ? inWorker(target, options) : inThread(target, options);
}

/** Turns entities into rows, handing them out `rowBatch` at a time. */
export function rowBatcher(onRows: (rows: StoredRow[]) => void, size = rowBatch) {
  let pending: StoredRow[] = [];
  return {
    add(entities: CatalogEntity[]) {
      for (const entity of entities) pending.push(toStoredRow(toEntityRecord(entity, entity.source.file)));
      if (pending.length >= size) this.flush();
    },
    flush() {
      if (pending.length === 0) return;
      onRows(pending);
      pending = [];
    },
  };
}

async function inThread(target: string, options: RowsOptions): Promise<TreeRead> {
  const rows = rowBatcher(options.onRows, options.batch);
  const read = await readTree(target, {
    catalog: options.catalog,
    onProgress: options.onProgress,
    onEntities: (e) => rows.add(e),
    attach: options.attach,
    claims: options.claims,
  });
  rows.flush();
  return read;
}

export type WorkerMessage =
  | { type: 'rows'; rows: StoredRow[] }
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'done'; read: TreeRead }
  | { type: 'failed'; message: string; kind: StewardError['kind'] | null };

function inWorker(target: string, options: RowsOptions): Promise<TreeRead> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./tree-worker.ts', import.meta.url), {
      workerData: {
        target,
        catalog: options.catalog ?? {},
        batch: options.batch,
        attach: options.attach,
        claims: options.claims,
      },
    });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'rows') options.onRows(message.rows);
      else if (message.type === 'progress') options.onProgress?.(message.progress);
      else {
        settled = true;
        if (message.type === 'done') resolve(message.read);
        else
          reject(message.kind ? new StewardError(message.kind, message.message) : new Error(message.message));
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled)
        reject(new Error(`the catalog reader thread stopped (exit code ${code}) before it finished`));
    });
  });
}

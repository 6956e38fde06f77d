// Reads a tree as rows ready to store, in this thread or (for a large source) in a worker thread,
// so that reading and validating one part overlaps with writing the part before. Either way the
// rows arrive in batches, in file order, and the whole-set result comes last. Reading waits while
// the sink is behind: in this thread on the promise `onRows` answers; a worker thread may have at
// most `unacknowledgedBatches` batches posted that the sink has not taken (acknowledged) yet.
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
  /** Takes a batch; reading goes on once what it answers settles. */
  onRows: RowSink;
  inWorker: boolean;
  /** Annotations naming files to read beside an entity. */
  attach?: readonly string[] | undefined;
  /** Kinds of files read for other modules wherever they are in the tree. */
  claims?: readonly FileClaim[] | undefined;
  /** Rows handed out at a time (default rowBatch). */
  batch?: number | undefined;
}

/** Takes a batch of rows; a promise answered holds the reader back until it settles. */
export type RowSink = (rows: StoredRow[]) => Promise<void> | void;

/** Rows handed out at a time: large enough to be one write, small enough to start writing early. */
export const rowBatch = 2000;

/** Batches a worker thread may have posted that the sink has not taken: enough to hide the hop. */
export const unacknowledgedBatches = 2;

export function readTreeRows(target: string, options: RowsOptions): Promise<TreeRead> {
  return options.inWorker ? inWorker(target, options) : inThread(target, options);
}

/** Turns entities into rows, handing them out `rowBatch` at a time; answers what the sink answers. */
export function rowBatcher(onRows: RowSink, size = rowBatch) {
  let pending: StoredRow[] = [];
  return {
    add(entities: CatalogEntity[]): Promise<void> | void {
      for (const entity of entities) pending.push(toStoredRow(toEntityRecord(entity, entity.source.file)));
      return pending.length >= size ? this.flush() : undefined;
    },
    flush(): Promise<void> | void {
      if (pending.length === 0) return undefined;
      const ready = pending;
      pending = [];
      return onRows(ready);
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
  await rows.flush();
  return read;
}

/** What the worker posts; the parent answers each `rows` with `taken` once the sink has taken it. */
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
      if (message.type === 'rows') {
        const taken = () => worker.postMessage({ type: 'taken' });
        const waiting = options.onRows(message.rows);
        if (!waiting) {
          taken();
          return;
        }
        // A sink that fails ends the read: the worker, waiting for `taken`, would wait for ever.
        waiting.then(taken, (error: unknown) => {
          settled = true;
          reject(error);
          void worker.terminate();
        });
      } else if (message.type === 'progress') options.onProgress?.(message.progress);
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

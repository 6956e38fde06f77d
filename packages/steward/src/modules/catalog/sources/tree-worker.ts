// The worker thread that reads a large catalog tree: rows go to the writer as their files are read,
// and reading waits while `unacknowledgedBatches` batches posted are not yet taken.
import { parentPort, workerData } from 'node:worker_threads';
import { StewardError } from '../../../platform/errors.ts';
import type { FileClaim } from '../attachments.ts';
import type { CatalogOptions } from '../engine/model.ts';
import { readTree } from './read-tree.ts';
import { rowBatcher, unacknowledgedBatches, type WorkerMessage } from './tree-rows.ts';

const { target, catalog, batch, attach, claims } = workerData as {
  target: string;
  catalog: CatalogOptions;
  batch?: number;
  attach?: string[];
  /** Their RegExps survive the structured clone. */
  claims?: FileClaim[];
};
const post = (message: WorkerMessage) => parentPort?.postMessage(message);

let lastProgress = 0;
let untaken = 0;
let onTaken: (() => void) | undefined;
parentPort?.on('message', (message: { type: 'taken' }) => {
  if (message.type !== 'taken') return;
  untaken--;
  onTaken?.();
  onTaken = undefined;
});
const rows = rowBatcher((ready) => {
  post({ type: 'rows', rows: ready });
  untaken++;
  if (untaken <= unacknowledgedBatches) return undefined;
  return new Promise<void>((resolve) => {
    onTaken = resolve;
  });
}, batch);
try {
  const read = await readTree(target, {
    catalog,
    attach,
    claims,
    onEntities: (entities) => rows.add(entities),
    onProgress(progress) {
      if (Date.now() - lastProgress < 100) return;
      lastProgress = Date.now();
      post({ type: 'progress', progress });
    },
  });
  await rows.flush();
  post({ type: 'done', read });
} catch (error) {
  const kind = error instanceof StewardError ? error.kind : null;
  post({ type: 'failed', message: (error as Error).message, kind });
}

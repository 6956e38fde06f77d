// A reader waits for its sink: in this thread it reads on once what the sink answered settles; a
// worker thread may have `unacknowledgedBatches` batches posted that the sink has not taken, no more.
// Files are read 16 at a time (the load's read-ahead), so a tree of 100 two-entity files gives
// batches of 32 rows (batch size 10 is reached within each read-ahead) and a last one of 8.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempTree, tempTree } from '../fixture.test-support.ts';
import type { StoredRow } from '../store/entity-rows.ts';
import { readTreeRows, unacknowledgedBatches } from './tree-rows.ts';

const files = 100;
const component = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: group:team-a\n`;

let tree: TempTree;
beforeAll(() => {
  tree = tempTree({}, 'steward-reader-flow-');
  for (let f = 0; f < files; f++)
    tree.write(`svc-${f}/catalog-info.yaml`, `${component(`svc-${f}-a`)}---\n${component(`svc-${f}-b`)}`);
});
afterAll(() => tree.cleanup());

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the reader');
    await sleep(10);
  }
}

describe('a reader held back by a slow sink', () => {
  for (const inWorker of [false, true]) {
    const ahead = inWorker ? unacknowledgedBatches + 1 : 1;
    it(`${inWorker ? 'in a worker thread' : 'in this thread'}: ${ahead} batch(es) handed out before any is taken, then one per batch taken`, async () => {
      const arrived: StoredRow[][] = [];
      const held: (() => void)[] = [];
      let holding = true;
      const reading = readTreeRows(tree.dir, {
        inWorker,
        batch: 10,
        onRows(rows) {
          arrived.push(rows);
          if (!holding) return undefined;
          return new Promise<void>((resolve) => held.push(resolve));
        },
      });
      await until(() => arrived.length >= ahead);
      // Long enough for a reader that does not wait to hand out the other batches (7 in all).
      await sleep(1000);
      expect(arrived.length).toBe(ahead);
      held.shift()?.();
      await until(() => arrived.length >= ahead + 1);
      await sleep(500);
      expect(arrived.length).toBe(ahead + 1);
      holding = false;
      for (const release of held.splice(0)) release();
      const read = await reading;
      expect(arrived.map((rows) => rows.length)).toEqual([32, 32, 32, 32, 32, 32, 8]);
      expect(new Set(arrived.flat().map((r) => r.ref)).size).toBe(files * 2);
      expect(read.refs).toHaveLength(files * 2);
    }, 60_000);
  }
});

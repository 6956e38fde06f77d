// The reader never runs far ahead of the writer: with a writer slower than the reader (a real
// database against rows already in memory), at most `unwrittenBatches` batches wait unwritten, plus
// the one just handed out, and every row is still written, in one transaction.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { validateCatalog } from '../engine/validate-catalog.ts';
import type { SourceRead } from '../sources/read-source.ts';
import { toEntityRecord } from '../store/entity-record.ts';
import { type StoredRow, toStoredRow } from '../store/entity-rows.ts';
import { ensureSource } from '../store/source-store.ts';
import type { CatalogDb } from '../store/tables.ts';
import { type Reader, unwrittenBatches, writeSource } from './write-source.ts';

const batches = 12;
const perBatch = 50;

function rowsOf(batch: number): StoredRow[] {
  const docs = Array.from(
    { length: perBatch },
    (_, i) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-${batch}-${i}\nspec:\n  type: service\n  lifecycle: production\n  owner: group:team-${i % 5}\n`,
  );
  const file = `part-${batch}/catalog-info.yaml`;
  const { entities, errors } = validateCatalog([{ file, content: docs.join('---\n') }]);
  expect(errors).toEqual([]);
  return entities.map((e) => toStoredRow(toEntityRecord(e, file)));
}

describeEachEngine('flow control between reading and writing', ({ db }) => {
  it(`keeps the reader at most ${unwrittenBatches} unwritten batches (and the one in hand) ahead of the writer`, async () => {
    const kysely = db().kysely() as unknown as CatalogDb;
    await ensureSource(kysely, { id: 'dir-flow', kind: 'dir', target: '/flow', name: 'flow' });
    const prepared = Array.from({ length: batches }, (_, b) => rowsOf(b));
    let handedOut = 0;
    let written = 0;
    let mostAhead = 0;
    const refs: string[] = [];
    const read: Reader = async (sink) => {
      sink.onRevision(null);
      for (const rows of prepared) {
        handedOut++;
        refs.push(...rows.map((r) => r.ref));
        const waiting = sink.onRows(rows);
        mostAhead = Math.max(mostAhead, handedOut - written / perBatch);
        await waiting;
      }
      const read: SourceRead = {
        errors: [],
        warnings: [],
        entityCount: refs.length,
        files: batches,
        codeowners: [],
        attached: [],
        refs,
        revision: null,
        repository: { name: 'flow', path: '' },
      };
      return read;
    };
    const result = await writeSource(kysely, 'dir-flow', read, {
      onProgress: (p) => {
        written = p.written;
      },
    });
    // Without flow control the reader hands out all 12 before the first write ends.
    expect(mostAhead).toBe(unwrittenBatches + 1);
    expect(result.added).toBe(batches * perBatch);
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from catalog_entities where source_id = 'dir-flow'`.execute(kysely);
    expect(Number(rows[0]?.n)).toBe(batches * perBatch);
  });
});

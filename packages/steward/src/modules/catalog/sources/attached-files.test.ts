// Files entities attach by annotation: read from the entity's file's directory inside the source,
// each problem at the entity, and no more in all than one read's budget.
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CatalogEntity } from '../engine/model.ts';
import { attachmentCollector } from './attached-files.ts';

const annotation = 'steward.dev/slo-spec';

function source() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'steward-attached-')));
  mkdirSync(join(root, 'catalog'));
  mkdirSync(join(root, 'slos'));
  writeFileSync(join(root, 'slos', 'spec.yaml'), 'x'.repeat(600));
  return root;
}

function entity(root: string, name: string, value: string, line: number): CatalogEntity {
  return {
    ref: `component:default/${name}`,
    metadata: { name, annotations: { [annotation]: value } },
    source: { file: join(root, 'catalog', 'components.yaml'), line, column: 1, document: 0 },
  } as unknown as CatalogEntity;
}

it('reads each named file once, from the entity file, naming it from the root', async () => {
  const root = source();
  const collector = attachmentCollector([annotation]);
  collector.add(entity(root, 'a', '../slos/spec.yaml', 3), 'catalog/components.yaml');
  collector.add(entity(root, 'b', ' ../slos/spec.yaml ,', 9), 'catalog/components.yaml');
  const read = await collector.read(root);
  expect(read.problems).toEqual([]);
  expect(read.files.map((f) => [f.entity, f.path, f.content.length])).toEqual([
    ['component:default/a', 'slos/spec.yaml', 600],
    ['component:default/b', 'slos/spec.yaml', 600],
  ]);
});

it('refuses a URL, and stops at the budget with a problem at the entity', async () => {
  const root = source();
  // 1000 bytes: the first 600-byte file fits, the second would pass the budget.
  const collector = attachmentCollector([annotation], 1000);
  collector.add(entity(root, 'a', '../slos/spec.yaml', 3), 'catalog/components.yaml');
  collector.add(
    entity(root, 'b', '../slos/spec.yaml, https://example.com/slo.yaml', 9),
    'catalog/components.yaml',
  );
  const read = await collector.read(root);
  expect(read.files.map((f) => f.entity)).toEqual(['component:default/a']);
  expect(read.problems.map((p) => [p.entity, p.file, p.line, p.code])).toEqual([
    ['component:default/b', 'catalog/components.yaml', 9, 'file-too-large'],
    ['component:default/b', 'catalog/components.yaml', 9, 'invalid-annotation'],
  ]);
  expect(read.problems[0]?.message).toContain('split the source');
});

// Files of a kind another module reads (SLO specs), found beside the catalog by what they declare:
// handed out attached to no entity, in this thread or the reader's worker alike, never read as
// entities, never twice when an entity attaches one too, and not when files.exclude leaves them out;
// a file that declares a catalog entity too stays the catalog's.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileClaim } from '../attachments.ts';
import type { StoredRow } from '../store/entity-rows.ts';
import { readTreeRows } from './tree-rows.ts';

const claims: FileClaim[] = [{ annotation: 'example.dev/spec', declares: /^kind: ExampleSpec$/m }];
const lines = (...text: string[]) => `${text.join('\n')}\n`;

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'steward-beside-'));
  const files: Record<string, string> = {
    'catalog-info.yaml': lines(
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: checkout',
      '  annotations: { example.dev/spec: ./specs/attached.yaml }',
      'spec: { type: service, lifecycle: production, owner: payments }',
    ),
    'specs/attached.yaml': lines('# attached by the annotation', 'kind: ExampleSpec'),
    'specs/beside.yaml': lines('# found beside', 'kind: ExampleSpec'),
    'specs/indented.yaml': lines('nested:', '  kind: ExampleSpec'),
    'catalog/inside-catalog.yml': lines('kind: ExampleSpec'),
    // Declares the kind beside an entity: the file stays the catalog's, its entity read.
    'catalog/mixed.yaml': lines(
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata: { name: payments }',
      'spec: { type: team, children: [] }',
      '---',
      'kind: ExampleSpec',
    ),
    'legacy/excluded.yaml': lines('kind: ExampleSpec'),
    'specs/not-yaml.txt': lines('kind: ExampleSpec'),
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
});

describe.each([false, true])('claimed files (in a worker: %s)', (inWorker) => {
  it('hands out those declaring the kind at the top level, each once, none as entities', async () => {
    const rows: StoredRow[] = [];
    const read = await readTreeRows(root, {
      catalog: { files: { exclude: ['legacy/**'] } },
      onRows: (batch) => {
        rows.push(...batch);
      },
      inWorker,
      attach: ['example.dev/spec'],
      claims,
    });
    // The mixed file's second document is no entity: the catalog says so, where it is.
    expect(read.errors.map((p) => [p.file, p.line, p.code])).toEqual([
      ['catalog/mixed.yaml', 6, 'missing-field'],
      ['catalog/mixed.yaml', 6, 'missing-field'],
    ]);
    expect(rows.map((r) => r.ref).sort()).toEqual(['component:default/checkout', 'group:default/payments']);
    expect(read.attached.map((f) => [f.entity, f.path])).toEqual([
      ['component:default/checkout', 'specs/attached.yaml'],
      [null, 'specs/beside.yaml'],
      // Under catalog/ the file would be read as entities; it declares the kind, so it is the handler's.
      [null, 'catalog/inside-catalog.yml'],
    ]);
    expect(read.attached[1]?.content).toBe(lines('# found beside', 'kind: ExampleSpec'));
  });
});

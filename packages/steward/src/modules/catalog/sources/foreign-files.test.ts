// opslevel.yml and cortex.yaml read with the rest of a directory: mapped onto Backstage entities,
// validated with the others, and every position pointing back into the original file. Line and
// column numbers below are counted by hand in these texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../engine/model.ts';
import { orgYaml, type TempTree, tempTree } from '../fixture.test-support.ts';
import { readTree, type TreeRead } from './read-tree.ts';
import { readTreeRows } from './tree-rows.ts';

/** The tree's valid entities, as handed out, with the whole-set result. */
async function readAll(target: string): Promise<TreeRead & { entities: CatalogEntity[] }> {
  const entities: CatalogEntity[] = [];
  const read = await readTree(target, {
    onEntities: (batch) => {
      entities.push(...batch);
    },
  });
  return { ...read, entities };
}

const opslevelYml = `version: 1
service:
  name: Shopping Cart
  description: Carts and checkout sessions.
  owner: payments
  lifecycle: generally_available
  tier: tier_1
  language: Ruby
  aliases:
    - shopping-cart
  tags:
    - key: env
      value: production
  tools:
    - category: runbooks
      name: Cart runbook
      url: https://runbooks.example.com/cart
  dependencies:
    - alias: ledger
    - alias: fraud-check
`;

const cortexYaml = `openapi: 3.0.1
info:
  title: Ledger
  description: Double-entry bookkeeping.
  x-cortex-tag: ledger
  x-cortex-type: service
  x-cortex-owners:
    - type: group
      name: payments
      provider: CORTEX
    - type: email
      email: books@acme.example
  x-cortex-groups:
    - tier-1
  x-cortex-link:
    - name: Runbook
      type: runbook
      url: https://runbooks.example.com/ledger
  x-cortex-dependency:
    - tag: shopping-cart
`;

const brokenOpslevel = `version: 1
service:
  name: Refunds
  owner: "Refund Team!"
`;

const brokenCortex = `openapi: 3.0.1
info:
  title: Nameless
  x-cortex-tag: "!!"
  x-cortex-owners:
    - type: group
      name: payments
`;

describe('opslevel.yml and cortex.yaml in a source', () => {
  let tree: TempTree;
  let read: TreeRead & { entities: CatalogEntity[] };
  const entity = (ref: string) => read.entities.find((e) => e.ref === ref) as CatalogEntity;

  beforeAll(async () => {
    tree = tempTree({
      'org/catalog-info.yaml': orgYaml,
      'services/cart/opslevel.yml': opslevelYml,
      'services/ledger/cortex.yaml': cortexYaml,
      'services/refunds/opslevel.yml': brokenOpslevel,
      'services/nameless/cortex.yaml': brokenCortex,
    });
    read = await readAll(tree.dir);
  });
  afterAll(() => tree?.cleanup());

  it('maps an OpsLevel service onto a Backstage Component, starting where its service mapping does', () => {
    const cart = entity('component:default/shopping-cart');
    expect(cart.source).toMatchObject({ file: 'services/cart/opslevel.yml', line: 3, column: 3 });
    expect(cart.metadata).toMatchObject({
      name: 'shopping-cart',
      title: 'Shopping Cart',
      description: 'Carts and checkout sessions.',
      tags: ['env:production', 'ruby'],
      annotations: {
        'steward.dev/imported-from': 'opslevel',
        'opslevel.com/tier': 'tier_1',
        'steward.dev/tier': '1',
      },
      links: [{ url: 'https://runbooks.example.com/cart', title: 'Cart runbook', type: 'runbook' }],
    });
    expect(cart.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:payments',
      dependsOn: ['component:ledger', 'component:fraud-check'],
    });
    expect(cart.owners).toEqual([
      // `owner: payments`: line 5, the value at column 10.
      {
        ref: 'group:default/payments',
        role: 'primary',
        position: { file: 'services/cart/opslevel.yml', line: 5, column: 10 },
      },
    ]);
  });

  it('maps a Cortex service onto a Backstage Component, starting at its info mapping', () => {
    const ledger = entity('component:default/ledger');
    expect(ledger.source).toMatchObject({ file: 'services/ledger/cortex.yaml', line: 3, column: 3 });
    expect(ledger.metadata).toMatchObject({
      name: 'ledger',
      title: 'Ledger',
      tags: ['tier-1'],
      annotations: { 'steward.dev/imported-from': 'cortex', 'cortex.io/owner-emails': 'books@acme.example' },
      links: [{ url: 'https://runbooks.example.com/ledger', title: 'Runbook', type: 'runbook' }],
    });
    expect(ledger.spec).toEqual({
      type: 'service',
      lifecycle: 'unknown',
      owner: 'group:payments',
      dependsOn: ['component:shopping-cart'],
    });
    // `name: payments` of the first owner: line 9, the value at column 13.
    expect(ledger.owners[0]?.position).toEqual({ file: 'services/ledger/cortex.yaml', line: 9, column: 13 });
  });

  it('validates mapped entities with the rest: refs between them resolve, a missing one is a warning at its line', () => {
    // shopping-cart → ledger and ledger → shopping-cart resolve; fraud-check is nowhere.
    const dangling = read.warnings.filter((w) => w.code === 'dangling-ref');
    expect(dangling).toEqual([
      // `- alias: fraud-check`: line 20, the item's mapping at column 7.
      expect.objectContaining({
        file: 'services/cart/opslevel.yml',
        line: 20,
        column: 7,
        entity: 'component:default/shopping-cart',
      }),
    ]);
  });

  it('points the problems of a mapped entity at the original lines, and imports the rest', () => {
    const errors = read.errors.map((e) => ({ file: e.file, line: e.line, column: e.column, code: e.code }));
    expect(errors).toEqual([
      // x-cortex-tag: "!!" → line 4, value at column 17.
      { file: 'services/nameless/cortex.yaml', line: 4, column: 17, code: 'invalid-name' },
    ]);
    // owner: "Refund Team!" is no entity's name, but Backstage keeps such an entity: a warning at line 4, column 10.
    const nonstandard = read.warnings.filter((w) => w.code === 'nonstandard-ref');
    expect(nonstandard).toEqual([
      expect.objectContaining({ file: 'services/refunds/opslevel.yml', line: 4, column: 10 }),
    ]);
    expect(read.entities.map((e) => e.ref).sort()).toEqual([
      'component:default/ledger',
      'component:default/refunds',
      'component:default/shopping-cart',
      'group:default/payments',
      'user:default/mia',
    ]);
  });

  it('reports a file that is not YAML at its line, and a repository-only opslevel.yml as a warning', async () => {
    const other = tempTree({
      'a/opslevel.yml': 'version: 1\nservice:\n  name: [unclosed\n',
      'b/opslevel.yml': 'version: 1\nrepository:\n  owner: payments\n',
    });
    try {
      const result = await readAll(other.dir);
      expect(result.entities).toEqual([]);
      expect(result.errors).toEqual([
        expect.objectContaining({ file: 'a/opslevel.yml', code: 'yaml-syntax' }),
      ]);
      expect(result.errors[0]?.line).toBeGreaterThanOrEqual(3);
      expect(result.warnings).toEqual([
        expect.objectContaining({
          file: 'b/opslevel.yml',
          line: 1,
          column: 1,
          code: 'invalid-document',
          severity: 'warning',
        }),
      ]);
    } finally {
      other.cleanup();
    }
  });

  it('hands out the same rows, in the same order, when a worker thread reads the tree', async () => {
    const read = async (inWorker: boolean) => {
      const rows: { ref: string; hash: string; json: string }[] = [];
      const result = await readTreeRows(tree.dir, {
        inWorker,
        onRows: (batch) => {
          rows.push(...batch);
        },
      });
      return { rows, result };
    };
    const here = await read(false);
    const there = await read(true);
    expect(there.rows).toEqual(here.rows);
    expect(there.result).toEqual(here.result);
    expect(here.rows.map((r) => r.ref)).toEqual(here.result.refs);
    // The five entities read (refunds, with its nonstandard owner, among them).
    expect(here.rows).toHaveLength(5);
  });

  it('reports a worker thread that cannot read the tree as the same error as in this thread', async () => {
    const options = { onRows: () => {} };
    await expect(readTreeRows('/nonexistent/tree', { ...options, inWorker: true })).rejects.toThrow(
      'cannot read /nonexistent/tree: no such file or directory',
    );
  });
});

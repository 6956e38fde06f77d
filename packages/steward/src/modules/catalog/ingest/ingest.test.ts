// Ingesting directory sources into the store: only what changed is written, a removed file takes
// its entity's relations (both ways) with it, an entity with errors keeps its last good version,
// another source's entity is never overwritten, and removing a source removes all it brought.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { JobRunner } from '../../../platform/jobs/index.ts';
import { silentLogger } from '../../../platform/logging.ts';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type CatalogService, createCatalog } from '../catalog-service.ts';
import {
  adminCaller,
  ledgerYaml,
  paymentsApiYaml,
  paymentsFiles,
  type TempTree,
  tempTree,
} from '../fixture.test-support.ts';
import { removeSource } from '../source-operations.ts';

const ledger = 'component:default/ledger';
const paymentsApi = 'component:default/payments-api';

describeEachEngine('catalog ingest', ({ db }) => {
  let catalog: CatalogService;
  let tree: TempTree;
  let other: TempTree;
  let dataDir: TempTree;
  let jobs: JobRunner;

  beforeAll(async () => {
    dataDir = tempTree();
    tree = tempTree(paymentsFiles);
    other = tempTree();
    jobs = new JobRunner({ database: db(), logger: silentLogger() });
    // Batches of two entities: every ingest below is read in several batches (written at once).
    catalog = createCatalog({
      database: db(),
      logger: silentLogger(),
      dataDir: dataDir.dir,
      batchSize: 2,
      jobs,
    });
    jobs.register(...catalog.jobs);
    await jobs.start();
  });
  afterAll(async () => {
    await jobs?.stop();
    for (const t of [tree, other, dataDir]) t?.cleanup();
  });

  const entityRows = () =>
    catalog.db
      .selectFrom('catalog_entities')
      .select(['ref', 'content_hash', 'source_id', 'file', 'line', 'body'])
      .orderBy('ref')
      .execute();
  const relationsOf = (source: string) =>
    catalog.db
      .selectFrom('catalog_relations')
      .select(['source_ref', 'type', 'target_ref'])
      .where('source_ref', '=', source)
      .orderBy('source_ref')
      .orderBy('type')
      .execute();
  const historyOf = (ref: string) =>
    catalog.db
      .selectFrom('catalog_history')
      .select(['change', 'actor', 'before', 'after'])
      .where('entity_ref', '=', ref)
      .orderBy('id')
      .execute();

  it('reads a directory: every entity with its owners, declared relations and their inverses, and a history row', async () => {
    const summary = await catalog.ingestPath(tree.dir);
    expect(summary).toMatchObject({
      added: 5,
      updated: 0,
      removed: 0,
      unchanged: 0,
      errors: [],
      warnings: [],
    });
    const rows = await entityRows();
    expect(rows.map((r) => r.ref)).toEqual([
      'api:default/payments-http',
      ledger,
      paymentsApi,
      'group:default/payments',
      'user:default/mia',
    ]);
    const stored = rows.find((r) => r.ref === ledger);
    expect(stored?.file).toBe('ledger/catalog-info.yaml');
    expect(stored?.line).toBe(1);
    // The body is the document itself (with the namespace defaulted), as the yaml package reads it.
    const expected = parse(ledgerYaml);
    expected.metadata.namespace = 'default';
    expect(stored?.body).toEqual(expected);
    expect(await relationsOf(paymentsApi)).toEqual([
      { source_ref: paymentsApi, type: 'dependsOn', target_ref: ledger },
      { source_ref: paymentsApi, type: 'ownedBy', target_ref: 'group:default/payments' },
      { source_ref: paymentsApi, type: 'providesApi', target_ref: 'api:default/payments-http' },
    ]);
    // Read from the other side, the same rows are the inverses.
    expect((await catalog.getEntity(ledger)).relations.incoming).toEqual([
      { type: 'dependsOn', sourceRef: paymentsApi },
    ]);
    expect((await catalog.getEntity('group:default/payments')).relations.incoming).toEqual([
      { type: 'memberOf', sourceRef: 'user:default/mia' },
      { type: 'ownedBy', sourceRef: 'api:default/payments-http' },
      { type: 'ownedBy', sourceRef: ledger },
      { type: 'ownedBy', sourceRef: paymentsApi },
    ]);
    const owners = await catalog.db
      .selectFrom('catalog_owners')
      .selectAll()
      .where('entity_ref', '=', paymentsApi)
      .execute();
    // `owner: group:payments` is line 9 of payments-api's file; the value starts at column 10.
    expect(owners).toEqual([
      { owner_ref: 'group:default/payments', entity_ref: paymentsApi, role: 'primary', line: 9, column: 10 },
    ]);
    for (const row of rows) expect((await historyOf(row.ref)).map((h) => h.change)).toEqual(['created']);
    const source = await catalog.db
      .selectFrom('catalog_sources')
      .selectAll()
      .where('id', '=', summary.source.id)
      .executeTakeFirstOrThrow();
    expect(source).toMatchObject({
      kind: 'dir',
      target: tree.dir,
      status: 'ok',
      entity_count: 5,
      error_count: 0,
    });
  });

  it('writes only the entity whose file changed: its hash and history move, nothing else does', async () => {
    const before = await entityRows();
    tree.write('ledger/catalog-info.yaml', ledgerYaml.replace('Double-entry bookkeeping.', 'The books.'));
    const summary = await catalog.ingestPath(tree.dir);
    expect(summary).toMatchObject({ added: 0, updated: 1, removed: 0, unchanged: 4 });
    const after = await entityRows();
    for (const row of after) {
      const old = before.find((b) => b.ref === row.ref);
      if (row.ref === ledger) expect(row.content_hash).not.toBe(old?.content_hash);
      else expect(row.content_hash).toBe(old?.content_hash);
    }
    const history = await historyOf(ledger);
    expect(history.map((h) => [h.change, h.actor])).toEqual([
      ['created', `source:${summary.source.id}`],
      ['updated', `source:${summary.source.id}`],
    ]);
    expect(
      (history[1]?.before as { metadata: { description: string } } | undefined)?.metadata.description,
    ).toBe('Double-entry bookkeeping.');
    expect(
      (history[1]?.after as { metadata: { description: string } } | undefined)?.metadata.description,
    ).toBe('The books.');
    for (const row of after.filter((r) => r.ref !== ledger)) expect(await historyOf(row.ref)).toHaveLength(1);
  });

  it('moves positions without a history row when only the place in the file changed', async () => {
    tree.write(
      'ledger/catalog-info.yaml',
      `# the ledger\n\n${ledgerYaml.replace('Double-entry bookkeeping.', 'The books.')}`,
    );
    const summary = await catalog.ingestPath(tree.dir);
    expect(summary).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 5 });
    expect((await entityRows()).find((r) => r.ref === ledger)?.line).toBe(3);
    expect(await historyOf(ledger)).toHaveLength(2);
  });

  it('keeps the last good version of an entity that now has errors, and shows the error on it', async () => {
    tree.write('payments-api/catalog-info.yaml', paymentsApiYaml.replace('  lifecycle: production\n', ''));
    const summary = await catalog.ingestPath(tree.dir);
    expect(summary).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(summary.errors).toEqual([
      // The spec mapping starts at line 7 (`type: service`): a missing field points at its mapping.
      expect.objectContaining({
        file: 'payments-api/catalog-info.yaml',
        line: 7,
        column: 3,
        code: 'missing-field',
        entity: paymentsApi,
      }),
    ]);
    expect((await entityRows()).some((r) => r.ref === paymentsApi)).toBe(true);
    const problems = await catalog.db
      .selectFrom('catalog_problems')
      .selectAll()
      .where('entity_ref', '=', paymentsApi)
      .execute();
    expect(problems.map((p) => [p.code, p.severity, p.source_id])).toEqual([
      ['missing-field', 'error', summary.source.id],
    ]);
    expect(summary.source.status).toBe('errors');
    tree.write('payments-api/catalog-info.yaml', paymentsApiYaml);
    const fixed = await catalog.ingestPath(tree.dir);
    expect(fixed.errors).toEqual([]);
    expect(
      await catalog.db
        .selectFrom('catalog_problems')
        .selectAll()
        .where('source_id', '=', fixed.source.id)
        .execute(),
    ).toEqual([]);
  });

  it('removes the entity of a removed file with the relations it declared, both ways', async () => {
    tree.remove('ledger/catalog-info.yaml');
    const summary = await catalog.ingestPath(tree.dir);
    expect(summary).toMatchObject({ added: 0, updated: 0, removed: 1, unchanged: 4 });
    expect((await entityRows()).map((r) => r.ref)).not.toContain(ledger);
    expect(await relationsOf(ledger)).toEqual([]);
    const group = await catalog.getEntity('group:default/payments');
    expect(group.relations.incoming.map((r) => r.sourceRef)).not.toContain(ledger);
    const stillDeclared = (await catalog.getEntity(paymentsApi)).relations.outgoing;
    expect(stillDeclared).toContainEqual({ type: 'dependsOn', targetRef: ledger, targetExists: false });
    expect(
      await catalog.db.selectFrom('catalog_owners').selectAll().where('entity_ref', '=', ledger).execute(),
    ).toEqual([]);
    expect((await historyOf(ledger)).map((h) => h.change)).toEqual(['created', 'updated', 'deleted']);
    // payments-api still declares dependsOn ledger: now a dangling ref, reported as a warning.
    expect(summary.warnings).toEqual([
      expect.objectContaining({ code: 'dangling-ref', entity: paymentsApi, line: 10 }),
    ]);
    tree.write('ledger/catalog-info.yaml', ledgerYaml);
  });

  it('refuses an entity another source holds (a problem, not an overwrite) and imports the rest', async () => {
    const first = await catalog.ingestPath(tree.dir);
    expect(first.added).toBe(1);
    other.write(
      'catalog-info.yaml',
      `${ledgerYaml.replace('Double-entry bookkeeping.', 'Stolen.')}---\n${ledgerYaml.replace('ledger', 'audit-log')}`,
    );
    const summary = await catalog.ingestPath(other.dir);
    expect(summary.added).toBe(1);
    expect(summary.errors).toEqual([
      expect.objectContaining({
        code: 'duplicate-entity',
        entity: ledger,
        file: 'catalog-info.yaml',
        line: 1,
      }),
    ]);
    expect(summary.errors[0]?.message).toContain(first.source.id);
    const stored = (await entityRows()).find((r) => r.ref === ledger);
    expect(stored?.source_id).toBe(first.source.id);
    expect((stored?.body as { metadata: { description: string } } | undefined)?.metadata.description).toBe(
      'Double-entry bookkeeping.',
    );
    expect((await entityRows()).find((r) => r.ref === 'component:default/audit-log')?.source_id).toBe(
      summary.source.id,
    );
  });

  it('marks a source that cannot be read as failed, saying why, and keeps what it had', async () => {
    await expect(catalog.ingestPath('/nonexistent/steward-catalog')).rejects.toThrow(
      'cannot read /nonexistent/steward-catalog: no such file or directory',
    );
    const source = await catalog.db
      .selectFrom('catalog_sources')
      .selectAll()
      .where('target', '=', '/nonexistent/steward-catalog')
      .executeTakeFirstOrThrow();
    expect(source).toMatchObject({
      status: 'failed',
      message: 'cannot read /nonexistent/steward-catalog: no such file or directory',
    });
    expect((await catalog.ingestPath(tree.dir)).unchanged).toBe(5);
  });

  it('removes a source with its entities and every relation they declared; other sources keep theirs', async () => {
    const firstId = (await catalog.ingestPath(tree.dir)).source.id;
    const refs = (await entityRows()).filter((r) => r.source_id === firstId).map((r) => r.ref);
    expect(refs).toHaveLength(5);
    const { jobId } = await removeSource(catalog.sources, adminCaller, firstId);
    expect((await jobs.waitFor(jobId)).result).toEqual({ removed: 5 });
    const left = await entityRows();
    expect(left.map((r) => r.ref)).toEqual(['component:default/audit-log']);
    const stray = await sql<{
      n: number;
    }>`select count(*)::int as n from catalog_relations where source_ref = any(${refs}::text[])`.execute(
      catalog.db,
    );
    expect(stray.rows[0]?.n).toBe(0);
    // audit-log (the other source) still declares its owner.
    expect(await relationsOf('component:default/audit-log')).toHaveLength(1);
    expect((await historyOf(paymentsApi)).at(-1)).toMatchObject({ change: 'deleted', actor: 'user:root' });
    expect(
      await catalog.db.selectFrom('catalog_sources').selectAll().where('id', '=', firstId).execute(),
    ).toEqual([]);
    expect(
      await catalog.db.selectFrom('catalog_problems').selectAll().where('source_id', '=', firstId).execute(),
    ).toEqual([]);
  });
});

// Writes a source as it is read: each batch of rows is compared with what the store holds for the
// source and only new, changed and moved entities are written; once the whole source is read,
// entities it no longer has are removed, and its problems, CODEOWNERS files and counts replaced.
// An entity another source already holds is a problem, not an overwrite.
//
// All of it is one transaction, begun at the first write (after a clone or an upload's files are
// read) and committed with the source's new status: killed at any moment, the catalog is the old
// state or the new one, never half of each, and a source never says `ok` over a half-written
// catalog. Chosen over staging tables plus a final switch, which would copy every row twice and
// re-implement the entity writes in SQL; measured with bench/catalog-scale (100k entities) the one
// transaction costs no more time than the batches did (the figures are in the commit that made it).
// On PGlite (one connection) other queries wait for the ingest's writes; on PostgreSQL readers see
// the old catalog until the commit.
import type { ControlledTransaction, Kysely } from 'kysely';
import type { AttachmentCatalog, AttachmentHandler } from '../attachments.ts';
import { yieldPeopleToFile } from '../edits/people-entities.ts';
import type { CatalogProblem } from '../engine/model.ts';
import type { SourceRead } from '../sources/read-source.ts';
import type { RowSink } from '../sources/tree-rows.ts';
import { replaceCodeowners } from '../store/codeowners-store.ts';
import type { StoredRow } from '../store/entity-rows.ts';
import { heldElsewhere, type StoredState, storedStates } from '../store/entity-state.ts';
import { type EntityChanges, writeEntityChanges } from '../store/entity-writes.ts';
import { replaceProblems, withoutHeldTargets } from '../store/problem-store.ts';
import { analyzeCatalog, recordIngest } from '../store/source-store.ts';
import type { CatalogDb, CatalogTables, SourceRow } from '../store/tables.ts';
import { classify, removals, slices } from './plan-changes.ts';

export interface WriteProgress {
  written: number;
}

export interface WriteOptions {
  /** `source:<id>` unless a person triggered it. */
  actor?: string | undefined;
  batchSize?: number | undefined;
  onProgress?: ((progress: WriteProgress) => void) | undefined;
  attachments?: readonly AttachmentHandler[] | undefined;
}

export interface IngestCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  errors: CatalogProblem[];
  warnings: CatalogProblem[];
  /** Kinds of the entities added, changed or removed (lower-case). */
  changedKinds: string[];
  source: SourceRow;
}

/** Entities changed by one ingest from which the tables' statistics are refreshed. */
const analyzeFrom = 5000;

/** Batches the writer holds unwritten (the one being written included) before it holds the reader back. */
export const unwrittenBatches = 2;

/**
 * Reads the source, handing out its revision once known (before any rows) and its rows in batches;
 * a reader waits for what `onRows` answers, so that it is never more than `unwrittenBatches` ahead.
 */
export type Reader = (sink: {
  onRevision: (revision: string | null) => void;
  onRows: RowSink;
}) => Promise<SourceRead>;

/** The ingest's one transaction, begun when first needed. */
function lazyTransaction(db: CatalogDb) {
  let begun: Promise<ControlledTransaction<CatalogTables>> | undefined;
  return {
    get: (): Promise<CatalogDb> => {
      begun ??= db.startTransaction().execute();
      return begun;
    },
    async commit() {
      if (begun) await (await begun).commit().execute();
    },
    async rollback() {
      if (begun) await (await begun).rollback().execute();
    },
  };
}

export async function writeSource(db: CatalogDb, sourceId: string, read: Reader, options: WriteOptions) {
  const stored = await storedStates(db, sourceId);
  const transaction = lazyTransaction(db);
  let outcome: Awaited<ReturnType<typeof writeAll>>;
  try {
    outcome = await writeAll(transaction.get, sourceId, stored, read, options);
    await transaction.commit();
  } catch (error) {
    await transaction.rollback().catch(() => {});
    throw error;
  }
  const { writer, gone, errors, warnings, result, source } = outcome;
  // Planner statistics after a large change (PGlite has no autovacuum to refresh them).
  if (writer.created.length + writer.counts.updated + gone.removed.length >= analyzeFrom)
    await analyzeCatalog(db);
  const removedKinds = gone.removed.map((ref) => ref.slice(0, ref.indexOf(':')));
  return {
    added: writer.created.length,
    updated: writer.counts.updated,
    removed: gone.removed.length,
    unchanged: writer.counts.unchanged,
    errors,
    warnings,
    changedKinds: [...new Set([...writer.changedKinds, ...removedKinds])],
    source,
    read: result,
  };
}

async function writeAll(
  transaction: () => Promise<CatalogDb>,
  sourceId: string,
  stored: ReadonlyMap<string, StoredState>,
  read: Reader,
  options: WriteOptions,
) {
  const writer = batchWriter(transaction, sourceId, stored, options);
  const result = await writer.readWith(read);
  const trx = await transaction();
  const change = { sourceId, actor: options.actor ?? `source:${sourceId}`, revision: result.revision };
  const targets = await judgeMissingTargets(trx, result.errors);
  const present = new Set([...result.refs, ...targets.kept]);
  const attached = await writeAttachments(trx, sourceId, result, present, options.attachments ?? []);
  const errors = [...targets.errors, ...writer.duplicates, ...attached.filter((p) => p.severity === 'error')];
  const gone = removals([...stored.keys(), ...writer.created], present, errors);
  for (const refs of slices(gone.removed, options.batchSize ?? 2000)) {
    const changes: EntityChanges = { ...change, created: [], updated: [], moved: [], removed: refs };
    await writeEntityChanges(trx, changes);
  }
  // Every warning is kept (a target another source holds now may go); what is news today is counted.
  const allWarnings = [...result.warnings, ...attached.filter((p) => p.severity === 'warning')];
  const warnings = await withoutHeldTargets(trx, allWarnings);
  const source = await (async () => {
    // Missing targets another source has are kept too: they hold again if that source lets them go.
    await replaceProblems(trx, sourceId, [...errors, ...targets.held, ...allWarnings]);
    await replaceCodeowners(trx, sourceId, result.codeowners);
    const status = errors.length > 0 ? 'errors' : 'ok';
    const outcome = {
      status,
      message: null,
      revision: result.revision,
      repository: result.repository,
      errors: errors.length,
      warnings: warnings.length,
    } as const;
    return recordIngest(trx, sourceId, outcome);
  })();
  return { writer, gone, errors, warnings, result, source };
}

/**
 * Writes batches one after another as they arrive; the first failure stops the rest and is rethrown.
 * While `unwrittenBatches` wait, the reader is answered a promise settled when one is written.
 */
function batchWriter(
  transaction: () => Promise<CatalogDb>,
  sourceId: string,
  stored: ReadonlyMap<string, StoredState>,
  options: WriteOptions,
) {
  let revision: string | null = null;
  let chain: Promise<void> = Promise.resolve();
  let failure: unknown;
  let unwritten = 0;
  const roomWaiters: (() => void)[] = [];
  const state = {
    created: [] as string[],
    duplicates: [] as CatalogProblem[],
    changedKinds: new Set<string>(),
    counts: { updated: 0, unchanged: 0, written: 0 },
  };
  const write = async (rows: StoredRow[]) => {
    const db = await transaction();
    const fresh = rows.filter((r) => !stored.has(r.ref)).map((r) => r.ref);
    const held = fresh.length === 0 ? new Map<string, string>() : await heldElsewhere(db, sourceId, fresh);
    for (const ref of await yieldPeopleToFile(db, held, options.actor ?? `source:${sourceId}`))
      held.delete(ref);
    for (const row of rows)
      if (held.has(row.ref)) state.duplicates.push(duplicateProblem(row, held.get(row.ref) as string));
    const plan = classify(held.size === 0 ? rows : rows.filter((r) => !held.has(r.ref)), stored);
    const changes: EntityChanges = {
      sourceId,
      actor: options.actor ?? `source:${sourceId}`,
      revision,
      created: plan.created,
      updated: plan.updated,
      moved: plan.moved,
      removed: [],
    };
    if (plan.created.length + plan.updated.length + plan.moved.length > 0) {
      const written = await writeEntityChanges(db, changes);
      state.created.push(...written.created);
      for (const ref of written.conflicts) {
        state.duplicates.push(
          duplicateProblem(plan.created.find((r) => r.ref === ref) as StoredRow, 'another source'),
        );
      }
    }
    for (const row of [...plan.created, ...plan.updated]) state.changedKinds.add(row.kind);
    state.counts.updated += plan.updated.length;
    state.counts.unchanged += plan.unchanged + plan.moved.length;
    state.counts.written += rows.length;
    options.onProgress?.({ written: state.counts.written });
  };
  return {
    ...state,
    counts: state.counts,
    async readWith(read: Reader): Promise<SourceRead> {
      const result = await read({
        onRevision(value) {
          revision = value;
        },
        onRows(rows) {
          unwritten++;
          chain = chain
            .then(() => (failure === undefined ? write(rows) : undefined))
            .catch((error) => {
              failure ??= error;
            })
            .finally(() => {
              unwritten--;
              roomWaiters.shift()?.();
            });
          if (unwritten <= unwrittenBatches) return undefined;
          return new Promise<void>((resolve) => roomWaiters.push(resolve));
        },
      });
      await chain;
      if (failure !== undefined) throw failure;
      return result;
    },
  };
}

/**
 * Each handler stores what the source attaches now: its files of entities kept, and those found beside
 * them, judged against the catalog as it is once this source is written.
 */
async function writeAttachments(
  trx: CatalogDb,
  sourceId: string,
  read: SourceRead,
  kept: ReadonlySet<string>,
  handlers: readonly AttachmentHandler[],
): Promise<CatalogProblem[]> {
  const catalog: AttachmentCatalog = {
    sourceRefs: kept,
    async existing(refs) {
      const elsewhere = await heldElsewhere(trx, sourceId, refs);
      return new Set(refs.filter((ref) => kept.has(ref) || elsewhere.has(ref)));
    },
  };
  const problems: CatalogProblem[] = [];
  for (const handler of handlers) {
    const files = read.attached.filter(
      (f) => f.annotation === handler.annotation && (f.entity === null || kept.has(f.entity)),
    );
    problems.push(...(await handler.write(trx as unknown as Kysely<unknown>, sourceId, files, catalog)));
  }
  return problems;
}

/**
 * A target that must exist (a schedule's member) is judged against the whole catalog, as a dangling
 * ref is: one that another source holds is no error, and the entity, written as its file was read,
 * stays. One no source holds is an error; the entity is still kept, with the error on it, so that
 * the source that brings the target later settles it without this one being read again.
 */
async function judgeMissingTargets(trx: CatalogDb, problems: readonly CatalogProblem[]) {
  const missing = problems.filter((p) => p.code === 'missing-target');
  if (missing.length === 0) return { errors: [...problems], held: [], kept: [] };
  const still = new Set(await withoutHeldTargets(trx, missing));
  const held = missing.filter((p) => !still.has(p));
  const failing = new Set([...still].map((p) => p.entity));
  const kept = [
    ...new Set(held.flatMap((p) => (p.entity === null || failing.has(p.entity) ? [] : [p.entity]))),
  ];
  return { errors: problems.filter((p) => p.code !== 'missing-target' || still.has(p)), held, kept };
}

function duplicateProblem(row: StoredRow, holder: string): CatalogProblem {
  return {
    severity: 'error',
    file: row.file ?? '',
    line: row.line ?? 1,
    column: row.column ?? 1,
    entity: row.ref,
    code: 'duplicate-entity',
    message: `${row.ref} is already defined by the catalog source ${holder}; an entity belongs to one source: remove it from one of them`,
  };
}

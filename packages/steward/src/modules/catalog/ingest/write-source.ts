// Writes what was read from a source into the store: only new, changed and removed entities (with
// their owners, relations and history, a batch per transaction), then the source's problems,
// CODEOWNERS files and counts. An entity another source already holds is a problem, not an overwrite.
import type { CatalogProblem } from '../model.ts';
import type { ReadSource } from '../sources/read-tree.ts';
import { replaceCodeowners } from '../store/codeowners-store.ts';
import { heldElsewhere, storedStates } from '../store/entity-state.ts';
import { writeEntityChanges } from '../store/entity-writes.ts';
import { replaceProblems } from '../store/problem-store.ts';
import { recordIngest } from '../store/source-store.ts';
import type { CatalogDb, SourceRow } from '../store/tables.ts';
import { type EntityRecord, toEntityRecord } from './entity-record.ts';
import { batchesOf, planChanges } from './plan-changes.ts';

export interface WriteProgress {
  written: number;
  total: number;
}

export interface WriteOptions {
  revision: string | null;
  /** `source:<id>` unless a person triggered it. */
  actor?: string;
  batchSize?: number;
  onProgress?: (progress: WriteProgress) => void;
}

export interface IngestCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  errors: CatalogProblem[];
  warnings: CatalogProblem[];
  /** Kinds of the entities added, changed or removed (lower-case): Group and User changes sync identity. */
  changedKinds: string[];
  source: SourceRow;
}

export async function writeSource(db: CatalogDb, sourceId: string, read: ReadSource, options: WriteOptions) {
  const records = read.entities.map((entity) => toEntityRecord(entity, entity.source.file));
  const stored = await storedStates(db, sourceId);
  const held = await heldElsewhere(
    db,
    sourceId,
    records.filter((r) => !stored.has(r.ref)).map((r) => r.ref),
  );
  const duplicates = records.filter((r) => held.has(r.ref));
  const mine = held.size === 0 ? records : records.filter((r) => !held.has(r.ref));
  const errors = [...read.errors, ...duplicates.map((r) => duplicateProblem(r, held.get(r.ref) as string))];
  const plan = planChanges(mine, stored, errors);
  const batches = batchesOf(plan, options.batchSize ?? 2000);
  const total = plan.created.length + plan.updated.length + plan.moved.length + plan.removed.length;
  let written = 0;
  let added = 0;
  for (const batch of batches) {
    const changes = {
      ...batch,
      sourceId,
      actor: options.actor ?? `source:${sourceId}`,
      revision: options.revision,
    };
    const result = await db.transaction().execute((trx) => writeEntityChanges(trx, changes));
    added += result.created.length;
    for (const ref of result.conflicts) {
      const record = batch.created.find((r) => r.ref === ref) as EntityRecord;
      errors.push(duplicateProblem(record, 'another source'));
    }
    written += batch.created.length + batch.updated.length + batch.moved.length + batch.removed.length;
    options.onProgress?.({ written, total });
  }
  const source = await db.transaction().execute(async (trx) => {
    await replaceProblems(trx, sourceId, [...errors, ...read.warnings]);
    await replaceCodeowners(trx, sourceId, read.codeowners);
    return recordIngest(trx, sourceId, {
      status: errors.length > 0 ? 'errors' : 'ok',
      message: null,
      revision: options.revision,
      errors: errors.length,
      warnings: read.warnings.length,
    });
  });
  const changedKinds = new Set([
    ...[...plan.created, ...plan.updated].map((r) => r.kind),
    ...plan.removed.map((ref) => ref.slice(0, ref.indexOf(':'))),
  ]);
  return {
    added,
    updated: plan.updated.length,
    removed: plan.removed.length,
    unchanged: plan.unchanged + plan.moved.length,
    errors,
    warnings: read.warnings,
    changedKinds: [...changedKinds],
    source,
  } satisfies IngestCounts;
}

function duplicateProblem(record: EntityRecord, holder: string): CatalogProblem {
  return {
    severity: 'error',
    file: record.file ?? '',
    line: record.line ?? 1,
    column: record.column ?? 1,
    entity: record.ref,
    code: 'duplicate-entity',
    message: `${record.ref} is already defined by the catalog source ${holder}; an entity belongs to one source: remove it from one of them`,
  };
}

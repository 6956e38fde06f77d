// Compares what a source now holds with what the store has for it: which entities are new, changed,
// only moved, or gone. Pure: the content hash decides, positions only move.
import type { CatalogProblem } from '../model.ts';
import type { StoredState } from '../store/entity-state.ts';
import type { EntityChanges } from '../store/entity-writes.ts';
import type { EntityRecord } from './entity-record.ts';

export interface PlannedChanges {
  created: EntityRecord[];
  updated: EntityRecord[];
  moved: EntityRecord[];
  removed: string[];
  unchanged: number;
  /** Entities that had errors this time: the stored (last good) version is kept. */
  keptAfterErrors: string[];
}

export function planChanges(
  records: readonly EntityRecord[],
  stored: ReadonlyMap<string, StoredState>,
  errors: readonly CatalogProblem[],
): PlannedChanges {
  const plan: PlannedChanges = {
    created: [],
    updated: [],
    moved: [],
    removed: [],
    unchanged: 0,
    keptAfterErrors: [],
  };
  const seen = new Set<string>();
  for (const record of records) {
    seen.add(record.ref);
    const before = stored.get(record.ref);
    if (!before) plan.created.push(record);
    else if (before.hash !== record.hash) plan.updated.push(record);
    else if (before.file !== record.file || before.line !== record.line) plan.moved.push(record);
    else plan.unchanged++;
  }
  const failing = new Set(errors.map((p) => p.entity).filter((ref): ref is string => ref !== null));
  for (const ref of stored.keys()) {
    if (seen.has(ref)) continue;
    if (failing.has(ref)) plan.keptAfterErrors.push(ref);
    else plan.removed.push(ref);
  }
  return plan;
}

/** The plan in batches of about `size` entities, each written in its own transaction. */
export function batchesOf(
  plan: PlannedChanges,
  size: number,
): Omit<EntityChanges, 'sourceId' | 'actor' | 'revision'>[] {
  const batches: Omit<EntityChanges, 'sourceId' | 'actor' | 'revision'>[] = [];
  let current = emptyBatch();
  let count = 0;
  const add = (put: (batch: typeof current) => void) => {
    put(current);
    if (++count % size === 0) {
      batches.push(current);
      current = emptyBatch();
    }
  };
  for (const record of plan.created) add((b) => b.created.push(record));
  for (const record of plan.updated) add((b) => b.updated.push(record));
  for (const record of plan.moved) add((b) => b.moved.push(record));
  for (const ref of plan.removed) add((b) => b.removed.push(ref));
  if (current.created.length + current.updated.length + current.moved.length + current.removed.length > 0) {
    batches.push(current);
  }
  return batches;
}

function emptyBatch() {
  return {
    created: [] as EntityRecord[],
    updated: [] as EntityRecord[],
    moved: [] as EntityRecord[],
    removed: [] as string[],
  };
}

// Compares what a source now holds with what the store has for it: which entities are new, changed,
// only moved, unchanged, or gone. Pure: the content hash decides; positions only move.
import type { CatalogProblem } from '../engine/model.ts';
import type { StoredRow } from '../store/entity-rows.ts';
import type { StoredState } from '../store/entity-state.ts';

export interface Classified {
  created: StoredRow[];
  updated: StoredRow[];
  moved: StoredRow[];
  unchanged: number;
}

export function classify(rows: readonly StoredRow[], stored: ReadonlyMap<string, StoredState>): Classified {
  const plan: Classified = { created: [], updated: [], moved: [], unchanged: 0 };
  for (const row of rows) {
    const before = stored.get(row.ref);
    if (!before) plan.created.push(row);
    else if (before.hash !== row.hash) plan.updated.push(row);
    else if (before.file !== row.file || before.line !== row.line) plan.moved.push(row);
    else plan.unchanged++;
  }
  return plan;
}

export interface Removals {
  removed: string[];
  /** Entities with errors this time: the stored (last good) version is kept. */
  keptAfterErrors: string[];
}

/** What the store holds (or was given this time) that the source no longer has. */
export function removals(
  held: Iterable<string>,
  present: ReadonlySet<string>,
  errors: readonly CatalogProblem[],
): Removals {
  const failing = new Set(errors.map((p) => p.entity).filter((ref): ref is string => ref !== null));
  const result: Removals = { removed: [], keptAfterErrors: [] };
  for (const ref of held) {
    if (present.has(ref)) continue;
    if (failing.has(ref)) result.keptAfterErrors.push(ref);
    else result.removed.push(ref);
  }
  return result;
}

/** Items in slices of at most `size`. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

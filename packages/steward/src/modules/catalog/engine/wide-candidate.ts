// A candidate entity as the whole-set checks (catalog-wide.ts, hierarchy-cycles.ts) read it: whole,
// or slim once a streaming load has handed its entity out to be written.
import type { CatalogEntity, SourcePosition } from './model.ts';
import type { DeclaredRef } from './relations.ts';
import type { EntityCandidate } from './validate.ts';

/** A declared ref as the whole-set checks read it: where it is written, not the YAML node. */
export type WideRef = Omit<DeclaredRef, 'node'>;

/**
 * What the whole-set checks read of a candidate. `entity` is null once the entity was handed out to
 * be written while the rest was read (a streaming load): only its ref, validity and refs are kept, so
 * memory does not hold every body until the end, and inverse relations are not placed on it (the
 * store derives them from the declared ones).
 */
export interface WideCandidate {
  ref: string;
  valid: boolean;
  namePosition: SourcePosition;
  declared: readonly WideRef[];
  entity: CatalogEntity | null;
}

export function wideCandidate(candidate: EntityCandidate): WideCandidate {
  const { entity, valid, namePosition, declared } = candidate;
  return { ref: entity.ref, valid, namePosition, declared, entity };
}

/** Most slim candidates keep no refs: they share one empty list. */
const none: readonly WideRef[] = Object.freeze([]);

/**
 * The candidate without its entity, its refs without their YAML nodes. With `seen` (every ref read so
 * far, this candidate's batch included) a ref to an entity already read is dropped unless it is in a
 * hierarchy: the whole-set check finds its target and reports nothing, and the inverse relation it
 * would place goes on an entity handed out already. So `seen` is for loads that hand out every entity.
 */
export function slimCandidate(candidate: EntityCandidate, seen?: ReadonlySet<string>): WideCandidate {
  const { valid, namePosition } = candidate;
  const declared: WideRef[] = [];
  for (const { field, index, lastIndex, targetRef, resolvable, position } of candidate.declared) {
    if (!field.acyclic && seen?.has(targetRef)) continue;
    declared.push(
      lastIndex === undefined
        ? { field, index, targetRef, resolvable, position }
        : { field, index, lastIndex, targetRef, resolvable, position },
    );
  }
  return {
    ref: candidate.entity.ref,
    valid,
    namePosition,
    declared: declared.length > 0 ? declared : none,
    entity: null,
  };
}

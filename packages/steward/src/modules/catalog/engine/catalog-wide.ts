// The checks that need every entity at once: duplicates (the first occurrence wins), inverse
// relations placed on their targets, refs to entities that are not there (warnings), loops in hierarchies.
import { findHierarchyCycles } from './hierarchy-cycles.ts';
import type { CatalogEntity, CatalogProblem } from './model.ts';
import { refPath, uniqueRelations } from './relations.ts';
import type { EntityCandidate } from './validate.ts';

export interface CatalogWide {
  /** Valid entities, with their declared and inverse relations. */
  entities: CatalogEntity[];
  problems: CatalogProblem[];
}

export function checkCatalogWide(candidates: readonly EntityCandidate[]): CatalogWide {
  const problems: CatalogProblem[] = [];
  const byRef = firstOfEach(candidates, problems);
  for (const candidate of byRef.values()) linkRelations(candidate, byRef, problems);
  problems.push(...findHierarchyCycles(byRef.values()));
  const entities: CatalogEntity[] = [];
  for (const { entity, valid } of byRef.values()) {
    if (!valid) continue;
    entity.relations = uniqueRelations(entity.relations);
    entities.push(entity);
  }
  return { entities, problems };
}

/** Candidates by ref, in order; a later one with the same ref is a duplicate, pointed at its name. */
function firstOfEach(candidates: readonly EntityCandidate[], problems: CatalogProblem[]) {
  const byRef = new Map<string, EntityCandidate>();
  for (const candidate of candidates) {
    const { ref } = candidate.entity;
    const first = byRef.get(ref);
    if (!first) {
      byRef.set(ref, candidate);
      continue;
    }
    const { file, line, column } = first.namePosition;
    problems.push({
      severity: 'error',
      ...candidate.namePosition,
      entity: ref,
      code: 'duplicate-entity',
      message: `${ref} is already defined at ${file}:${line}:${column}; kind, namespace and name together must be unique (compared ignoring case)`,
    });
  }
  return byRef;
}

/** Each declared relation's inverse goes on its target; a target that is not there is a warning. */
function linkRelations(
  candidate: EntityCandidate,
  byRef: ReadonlyMap<string, EntityCandidate>,
  problems: CatalogProblem[],
): void {
  const source = candidate.entity.ref;
  for (const declared of candidate.declared) {
    const target = byRef.get(declared.targetRef);
    if (target) {
      const { position } = declared;
      target.entity.relations.push({
        type: declared.field.inverse,
        targetRef: source,
        origin: 'inverse',
        position,
      });
      continue;
    }
    problems.push({
      severity: 'warning',
      ...declared.position,
      entity: source,
      code: 'dangling-ref',
      message: `${refPath(declared)} refers to ${declared.targetRef}, which is not among the entities read; add it, or correct the ref`,
    });
  }
}

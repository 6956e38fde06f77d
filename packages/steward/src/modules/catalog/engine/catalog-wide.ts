// The checks that need every entity at once: duplicates (the first occurrence wins), inverse
// relations placed on their targets, refs to entities that are not there (warnings; errors in fields
// whose target must exist), loops in hierarchies.
import { findHierarchyCycles } from './hierarchy-cycles.ts';
import type { CatalogEntity, CatalogProblem } from './model.ts';
import { refPath, uniqueRelations } from './relations.ts';
import type { WideCandidate, WideRef } from './wide-candidate.ts';

export interface CatalogWide {
  /** Valid entities, with their declared and inverse relations. */
  entities: CatalogEntity[];
  /**
   * Entities whose only errors are `missing-target`s: not among `entities`, but a server keeps them
   * when another source has the targets (see `problem-store.ts`), as the API does (`validate-body.ts`).
   */
  awaitingTargets: CatalogEntity[];
  /** Refs of the valid entities kept, in order: those of `entities`, and of slim candidates too. */
  refs: string[];
  problems: CatalogProblem[];
}

export function checkCatalogWide(candidates: readonly WideCandidate[]): CatalogWide {
  const problems: CatalogProblem[] = [];
  const byRef = firstOfEach(candidates, problems);
  const missingTargets = new Set<string>();
  for (const candidate of byRef.values()) {
    if (linkRelations(candidate, byRef, problems) > 0) missingTargets.add(candidate.ref);
  }
  problems.push(...findHierarchyCycles(byRef.values()));
  const entities: CatalogEntity[] = [];
  const awaitingTargets: CatalogEntity[] = [];
  const refs: string[] = [];
  for (const { ref, entity, valid } of byRef.values()) {
    if (!valid) continue;
    const awaiting = missingTargets.has(ref);
    if (!awaiting) refs.push(ref);
    if (entity === null) continue;
    entity.relations = uniqueRelations(entity.relations);
    (awaiting ? awaitingTargets : entities).push(entity);
  }
  return { entities, awaitingTargets, refs, problems };
}

/** Candidates by ref, in order; a later one with the same ref is a duplicate, pointed at its name. */
function firstOfEach(candidates: readonly WideCandidate[], problems: CatalogProblem[]) {
  const byRef = new Map<string, WideCandidate>();
  for (const candidate of candidates) {
    const { ref } = candidate;
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

/**
 * Each declared relation's inverse goes on its target; a target that is not there is a warning, or
 * an error where it must exist. Answers how many such errors there were.
 */
function linkRelations(
  candidate: WideCandidate,
  byRef: ReadonlyMap<string, WideCandidate>,
  problems: CatalogProblem[],
): number {
  const source = candidate.ref;
  let missing = 0;
  for (const declared of candidate.declared) {
    const target = byRef.get(declared.targetRef);
    if (target) {
      const { position } = declared;
      target.entity?.relations.push({
        type: declared.field.inverse,
        targetRef: source,
        origin: 'inverse',
        position,
      });
      continue;
    }
    if (declared.field.mustExist) {
      missing++;
      problems.push(missingTarget(declared, source));
      continue;
    }
    // A ref no entity can have was reported as nonstandard-ref where it is written.
    if (!declared.resolvable) continue;
    problems.push({
      severity: 'warning',
      ...declared.position,
      entity: source,
      code: 'dangling-ref',
      target: declared.targetRef,
      message: `${refPath(declared)} refers to ${declared.targetRef}, which is not among the entities read; add it, or correct the ref`,
    });
  }
  return missing;
}

function missingTarget(declared: WideRef, source: string): CatalogProblem {
  const kind = declared.targetRef.slice(0, declared.targetRef.indexOf(':'));
  return {
    severity: 'error',
    ...declared.position,
    entity: source,
    code: 'missing-target',
    target: declared.targetRef,
    message: `${refPath(declared)} refers to ${declared.targetRef}, which is not among the entities read; ${
      declared.field.relation === 'notifies'
        ? 'a step can only notify a schedule, user or group the catalog has'
        : "a schedule's members must be users the catalog has (nobody else can be paged)"
    }: add the ${kind}, or correct the ref`,
  };
}

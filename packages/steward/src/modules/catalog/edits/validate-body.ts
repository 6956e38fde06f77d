// Validates an entity sent to the API as JSON with the same engine as files: the body is written as
// YAML (remembering which field each line holds), validated, and every problem named by its field
// path (`body.spec.owner`). Refs are checked against the catalog rather than the one entity sent.
import { type FieldProblem, invalid } from '../../../platform/errors.ts';
import { tooDeepMessage } from '../../../platform/yaml/nesting.ts';
import { tooDeepPath } from '../engine/document-limits.ts';
import { emitEntityYaml } from '../engine/entity-yaml.ts';
import type { CatalogEntity, CatalogOptions, CatalogProblem } from '../engine/model.ts';
import { validateCatalog } from '../engine/validate-catalog.ts';
import { existingRefs } from '../store/entity-reads.ts';
import type { CatalogDb } from '../store/tables.ts';

export interface ValidBody {
  entity: CatalogEntity;
  /** Warnings, each with `file: 'api'` and its field path at the start of the message. */
  warnings: CatalogProblem[];
}

const apiFile = 'api';

export async function validateBody(
  db: CatalogDb,
  body: Record<string, unknown>,
  options: CatalogOptions = {},
): Promise<ValidBody> {
  // Written as YAML (recursively) only once it is known to be shallow enough to write and read back.
  const deep = tooDeepPath(body);
  if (deep !== undefined) {
    const field = `body.${deep}`;
    throw invalid(`the entity is not valid: ${field}: too-deep: ${tooDeepMessage()}`, [
      { field, message: `too-deep: ${tooDeepMessage()}` },
    ]);
  }
  const emitted = emitEntityYaml(body);
  const result = validateCatalog([{ file: apiFile, content: emitted.text }], options);
  const field = (p: CatalogProblem) => {
    const path = emitted.pathAt(p.line, p.column, p.code);
    return path === '' ? 'body' : `body.${path}`;
  };
  // Targets that must exist are judged against the catalog, not the one entity sent.
  const held = new Set(
    await existingRefs(
      db,
      result.errors.flatMap((p) => (p.target ? [p.target] : [])),
    ),
  );
  const errors = result.errors.filter((p) => p.code !== 'missing-target' || !held.has(p.target ?? ''));
  const sent = result.entities[0] ?? (errors.length === 0 ? result.awaitingTargets[0] : undefined);
  if (errors.length > 0 || sent === undefined) {
    const problems: FieldProblem[] = errors.map((p) => ({
      field: field(p),
      message: `${p.code}: ${p.message}`,
    }));
    if (problems.length === 0) problems.push({ field: 'body', message: 'is not a catalog entity' });
    throw invalid(
      `the entity is not valid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  const entity: CatalogEntity = sent;
  const atField = (p: CatalogProblem): CatalogProblem => ({
    ...p,
    file: apiFile,
    line: 1,
    column: 1,
    message: `${field(p)}: ${p.message}`,
  });
  const warnings = result.warnings.filter((p) => p.code !== 'dangling-ref').map(atField);
  const declared = entity.relations.filter((r) => r.origin === 'declared');
  const present = new Set(await existingRefs(db, [...new Set(declared.map((r) => r.targetRef))]));
  // A ref no entity can have (an e-mail address as owner) already has its nonstandard-ref warning.
  const at = (p: { line: number; column: number }) => `${p.line}:${p.column}`;
  const unresolvable = new Set(result.warnings.filter((p) => p.code === 'nonstandard-ref').map(at));
  for (const relation of declared) {
    if (present.has(relation.targetRef) || relation.targetRef === entity.ref) continue;
    if (unresolvable.has(at(relation.position))) continue;
    const path = emitted.pathAt(relation.position.line, relation.position.column, 'dangling-ref');
    warnings.push({
      severity: 'warning',
      file: apiFile,
      line: 1,
      column: 1,
      entity: entity.ref,
      code: 'dangling-ref',
      message: `body.${path}: refers to ${relation.targetRef}, which is not in the catalog; add it, or correct the ref`,
    });
  }
  return { entity, warnings };
}

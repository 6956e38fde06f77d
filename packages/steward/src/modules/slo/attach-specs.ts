// SLO specs attached to catalog entities (`steward.dev/slo-spec: ./slo.yaml`), compiled when their
// source is read and stored in the same transaction. Each entity's files are compiled together (an
// OpenSLO SLO may name an SLI in another of them); the entity is the SLOs' service. Problems come
// back as the catalog's, positioned in the spec file.
import type { AttachedFile, AttachmentHandler, CatalogProblem } from '../catalog/index.ts';
import { compileSpecs } from './engine/compile.ts';
import { ruleGroups } from './engine/generate.ts';
import type { Slo } from './engine/model.ts';
import { renderRules } from './engine/render.ts';
import { replaceSourceSlos, slosHeldElsewhere } from './store.ts';
import type { SloDb, SloRow } from './tables.ts';

export const sloSpecAnnotation = 'steward.dev/slo-spec';

export const attachSloSpecs: AttachmentHandler = {
  annotation: sloSpecAnnotation,
  async write(trx, sourceId, files) {
    const { rows, problems } = compileAttached(sourceId, files);
    const elsewhere = await slosHeldElsewhere(trx as SloDb, sourceId, [...rows.keys()]);
    for (const [id, holder] of elsewhere) {
      const row = rows.get(id) as SloRow;
      rows.delete(id);
      problems.push(
        problem(
          row.entity,
          row,
          `the SLO id "${id}" is already defined by ${holder}; give this SLO another name or service`,
        ),
      );
    }
    await replaceSourceSlos(trx as SloDb, sourceId, [...rows.values()]);
    return problems;
  },
};

/** Pure: the attached files → one row per SLO (first one of an id wins) and the problems. */
export function compileAttached(sourceId: string, files: readonly AttachedFile[]) {
  const rows = new Map<string, SloRow>();
  const problems: CatalogProblem[] = [];
  const byEntity = Map.groupBy(files, (f) => f.entity);
  for (const [entity, attached] of byEntity) {
    const result = compileSpecs(attached.map((f) => ({ file: f.path, text: f.content })));
    for (const p of result.problems) {
      problems.push(problem(entity, p, p.field ? `${p.field}: ${p.message}` : p.message));
    }
    if (result.problems.length > 0) continue;
    for (const slo of result.slos) {
      const first = rows.get(slo.id);
      if (first) {
        const message = `the SLO id "${slo.id}" is already defined for ${first.entity} (${first.file}:${first.line}); give this SLO another name or service`;
        problems.push(problem(entity, slo.at, message));
      } else rows.set(slo.id, rowOf(sourceId, entity, slo));
      const named = entity.slice(entity.indexOf('/') + 1);
      if (slo.service.toLowerCase() !== named) {
        const message = `the SLO's service "${slo.service}" is not the name of ${entity}, which attaches it: burn alerts carry sloth_service="${slo.service}" and are routed to the component of that name; write service: ${named}`;
        problems.push({ ...problem(entity, slo.at, message), severity: 'warning' });
      }
    }
  }
  return { rows, problems };
}

function rowOf(sourceId: string, entity: string, slo: Slo): SloRow {
  const groups = ruleGroups(slo);
  return {
    id: slo.id,
    source_id: sourceId,
    entity,
    file: slo.at.file,
    line: slo.at.line,
    name: slo.name,
    sloth_service: slo.service,
    description: slo.description,
    objective: slo.objective,
    period_ms: slo.periodMs,
    spec: slo.spec,
    rule_groups: groups.map((g) => g.name),
    rules: renderRules(groups),
  };
}

function problem(
  entity: string,
  at: { file: string; line: number; column?: number },
  message: string,
): CatalogProblem {
  const { file, line, column = 1 } = at;
  return { severity: 'error', file, line, column, entity, code: 'invalid-value', message };
}

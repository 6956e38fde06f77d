// SLO specs the catalog reads for this module, compiled when their source is read and stored in the
// same transaction: those an entity attaches (`steward.dev/slo-spec: ./slo.yaml`), whose SLOs are
// that entity's, and those found beside the catalog (known by `version: prometheus/v1` or
// `apiVersion: openslo/v1`), whose SLOs belong to the catalog service they name. Each entity's files
// are compiled together, and the files beside together (an OpenSLO SLO may name an SLI in another of
// them). Problems come back as the catalog's, positioned in the spec file.
import type { AttachedFile, AttachmentHandler, CatalogProblem } from '../catalog/index.ts';
import { besideSlos, serviceCandidates, settleBeside } from './beside-specs.ts';
import { compileSpecs } from './engine/compile.ts';
import { ruleGroups } from './engine/generate.ts';
import type { Slo, SpecProblem } from './engine/model.ts';
import { renderRules } from './engine/render.ts';
import { replaceSourceSlos, slosHeldElsewhere } from './store.ts';
import type { SloDb, SloRow } from './tables.ts';

export const sloSpecAnnotation = 'steward.dev/slo-spec';

/** A top-level line declaring a spec: Sloth's `version: prometheus/v1`, OpenSLO's `apiVersion: openslo/v1`. */
export const sloSpecDeclaration =
  /^(?:version:[ \t]*(["']?)prometheus\/v1\1|apiVersion:[ \t]*(["']?)openslo\/v1\2)[ \t]*(?:#.*)?\r?$/m;

export const attachSloSpecs: AttachmentHandler = {
  annotation: sloSpecAnnotation,
  declares: sloSpecDeclaration,
  async write(trx, sourceId, files, catalog) {
    const beside = besideSlos(files);
    const existing = await catalog.existing(beside.slos.flatMap((s) => serviceCandidates(s.service)));
    const { rows, problems } = compileAttached(sourceId, files, existing, catalog.sourceRefs, beside);
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
  check: (files, refs) => compileAttached('', files, refs, refs).problems,
};

/**
 * Pure: the files → one row per SLO (first one of an id wins) and the problems. A spec found beside
 * the catalog belongs to the service it names, which must be one of `existing` (`sourceRefs`: the
 * source's own entities, where a near name is looked for).
 */
export function compileAttached(
  sourceId: string,
  files: readonly AttachedFile[],
  existing: ReadonlySet<string>,
  sourceRefs: ReadonlySet<string>,
  beside = besideSlos(files),
) {
  const rows = new Map<string, SloRow>();
  const problems: CatalogProblem[] = [];
  const keep = (entity: string, slo: Slo) => {
    const first = rows.get(slo.id);
    if (first) {
      const message = `the SLO id "${slo.id}" is already defined for ${first.entity} (${first.file}:${first.line}); give this SLO another name or service`;
      problems.push(problem(entity, slo.at, message));
    } else rows.set(slo.id, rowOf(sourceId, entity, slo));
  };
  const byEntity = Map.groupBy(
    files.filter((f) => f.entity !== null),
    (f) => f.entity as string,
  );
  for (const [entity, attached] of byEntity) {
    const result = compileSpecs(attached.map((f) => ({ file: f.path, text: f.content })));
    problems.push(...result.problems.map((p) => specProblem(entity, p)));
    if (result.problems.length > 0) continue;
    for (const slo of result.slos) {
      keep(entity, slo);
      const named = entity.slice(entity.indexOf('/') + 1);
      if (slo.service.toLowerCase() !== named) {
        const message = `the SLO's service "${slo.service}" is not the name of ${entity}, which attaches it: burn alerts carry sloth_service="${slo.service}" and are routed to the component of that name; write service: ${named}`;
        problems.push({ ...problem(entity, slo.at, message), severity: 'warning' });
      }
    }
  }
  problems.push(...beside.problems.map((p) => specProblem(null, p)));
  for (const settled of settleBeside(beside.slos, existing, sourceRefs)) {
    if ('slo' in settled) keep(settled.entity, settled.slo);
    else problems.push(problem(null, settled.at, settled.message));
  }
  return { rows, problems };
}

function specProblem(entity: string | null, p: SpecProblem) {
  return problem(entity, p, p.field ? `${p.field}: ${p.message}` : p.message);
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
  entity: string | null,
  at: { file: string; line: number; column?: number },
  message: string,
): CatalogProblem {
  const { file, line, column = 1 } = at;
  return { severity: 'error', file, line, column, entity, code: 'invalid-value', message };
}

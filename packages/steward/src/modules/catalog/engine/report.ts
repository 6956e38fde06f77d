// How `steward catalog validate` prints its result: one line per problem, or the JSON contract
// `{"entities": N, "errors": [...], "warnings": [...]}`.
import type { CatalogProblem } from './model.ts';
import type { CatalogValidation } from './validate-catalog.ts';

export interface ProblemJson {
  file: string;
  line: number;
  column: number;
  entity: string | null;
  code: string;
  message: string;
}

export function validationJson(result: CatalogValidation): string {
  const shape = (p: CatalogProblem): ProblemJson => ({
    file: p.file,
    line: p.line,
    column: p.column,
    entity: p.entity,
    code: p.code,
    message: p.message,
  });
  return JSON.stringify(
    { entities: result.entityCount, errors: result.errors.map(shape), warnings: result.warnings.map(shape) },
    null,
    2,
  );
}

/** `file:line:col: error|warning code: message (entity)`, in file and position order. */
export function validationText(result: CatalogValidation): string[] {
  const all = [...result.errors, ...result.warnings].sort(
    (a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column,
  );
  return all.map((p) => {
    const entity = p.entity === null ? '' : ` (${p.entity})`;
    return `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${p.message}${entity}`;
  });
}

export function validationSummary(result: CatalogValidation, files: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const found = `${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`;
  return `${plural(result.entityCount, 'entity').replace('entitys', 'entities')} in ${plural(files, 'file')}: ${found}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

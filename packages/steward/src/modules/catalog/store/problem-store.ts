// Problems found while reading a source, kept per source and entity so the portal can show them.

import { sql } from 'kysely';
import type { CatalogProblem } from '../engine/model.ts';
import { columnList, recordset } from './recordset.ts';
import type { CatalogDb, CatalogProblemsTable } from './tables.ts';

export type ProblemRow = Omit<CatalogProblemsTable, 'id'> & { id: string };

const problemColumns = {
  source_id: 'text',
  entity_ref: 'text',
  file: 'text',
  line: 'integer',
  column: 'integer',
  severity: 'text',
  code: 'text',
  message: 'text',
};

/** Replaces the problems of a source (or of one of its entities, when `entityRef` is given). */
export async function replaceProblems(
  trx: CatalogDb,
  sourceId: string,
  problems: readonly CatalogProblem[],
  entityRef?: string,
): Promise<void> {
  let remove = trx.deleteFrom('catalog_problems').where('source_id', '=', sourceId);
  if (entityRef !== undefined) remove = remove.where('entity_ref', '=', entityRef);
  await remove.execute();
  for (let i = 0; i < problems.length; i += 5000) {
    const rows = problems.slice(i, i + 5000).map((p) => ({
      source_id: sourceId,
      entity_ref: p.entity,
      file: p.file,
      line: p.line,
      column: p.column,
      severity: p.severity,
      code: p.code,
      message: p.message,
    }));
    await sql`insert into catalog_problems (${columnList(problemColumns)})
      select ${columnList(problemColumns)} from ${recordset(rows, problemColumns)}`.execute(trx);
  }
}

export interface ProblemQuery {
  source?: string | undefined;
  entity?: string | undefined;
  severity?: 'error' | 'warning' | undefined;
  limit: number;
  /** Id of the last problem already seen. */
  after?: string | undefined;
}

export function listProblemRows(db: CatalogDb, query: ProblemQuery): Promise<ProblemRow[]> {
  let select = db
    .selectFrom('catalog_problems')
    .select([
      sql<string>`cast(id as text)`.as('id'),
      'source_id',
      'entity_ref',
      'file',
      'line',
      'column',
      'severity',
      'code',
      'message',
    ])
    .orderBy('catalog_problems.id')
    .limit(query.limit);
  if (query.source !== undefined) select = select.where('source_id', '=', query.source);
  if (query.entity !== undefined) select = select.where('entity_ref', '=', query.entity);
  if (query.severity !== undefined) select = select.where('severity', '=', query.severity);
  if (query.after !== undefined) select = select.where('catalog_problems.id', '>', query.after);
  return select.execute();
}

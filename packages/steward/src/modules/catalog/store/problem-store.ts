// Problems found while reading a source, kept per source and entity so the portal can show them.

import { sql } from 'kysely';
import type { CatalogProblem } from '../engine/model.ts';
import { columnList, recordset } from './recordset.ts';
import type { CatalogDb, CatalogProblemsTable } from './tables.ts';

export type ProblemRow = Omit<CatalogProblemsTable, 'id' | 'target_ref'> & { id: string };

const problemColumns = {
  source_id: 'text',
  entity_ref: 'text',
  file: 'text',
  line: 'integer',
  column: 'integer',
  severity: 'text',
  code: 'text',
  message: 'text',
  target_ref: 'text',
};

/**
 * Whether a stored problem still holds: a dangling ref stops dangling once any source (another
 * repository, the API) has its target. `alias` names the problems table in the query.
 */
export const stillAProblem = (alias: string) =>
  sql<boolean>`(${sql.ref(`${alias}.target_ref`)} is null or not exists
    (select 1 from catalog_entities held where held.ref = ${sql.ref(`${alias}.target_ref`)}))`;

/** The problems that hold against the whole catalog: a dangling ref whose target another source has is dropped. */
export async function withoutHeldTargets(
  db: CatalogDb,
  problems: readonly CatalogProblem[],
): Promise<CatalogProblem[]> {
  const targets = [...new Set(problems.flatMap((p) => (p.target === undefined ? [] : [p.target])))];
  if (targets.length === 0) return [...problems];
  const held = new Set<string>();
  for (let i = 0; i < targets.length; i += 5000) {
    const rows = await db
      .selectFrom('catalog_entities')
      .select('ref')
      .where('ref', 'in', targets.slice(i, i + 5000))
      .execute();
    for (const row of rows) held.add(row.ref);
  }
  return problems.filter((p) => p.target === undefined || !held.has(p.target));
}

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
      target_ref: p.target ?? null,
    }));
    await sql`insert into catalog_problems (${columnList(problemColumns)})
      select ${columnList(problemColumns)} from ${recordset(rows, problemColumns)}`.execute(trx);
  }
}

export interface ProblemQuery {
  source?: string | undefined;
  entity?: string | undefined;
  /** Problems of the entities this owner owns (any role). */
  owner?: string | undefined;
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
    .where(stillAProblem('catalog_problems'))
    .orderBy('catalog_problems.id')
    .limit(query.limit);
  if (query.source !== undefined) select = select.where('source_id', '=', query.source);
  if (query.entity !== undefined) select = select.where('entity_ref', '=', query.entity);
  if (query.owner !== undefined) {
    const owner = query.owner;
    select = select.where('entity_ref', 'in', (owned) =>
      owned.selectFrom('catalog_owners').select('entity_ref').where('owner_ref', '=', owner),
    );
  }
  if (query.severity !== undefined) select = select.where('severity', '=', query.severity);
  if (query.after !== undefined) select = select.where('catalog_problems.id', '>', query.after);
  return select.execute();
}

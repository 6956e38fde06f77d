// Entities a source holds that the catalog rejected: problems with severity error name them, and no
// stored entity has their ref (an entity stored before keeps its last good version, and is no
// rejection). Who-owns, the entity API and the sources page say so, with the file and problems.
import type { CatalogDb } from './tables.ts';

export interface Rejection {
  ref: string;
  source: { id: string; name: string };
  file: string;
  line: number;
  problems: { file: string; line: number; column: number; code: string; message: string }[];
}

export interface RejectionQuery {
  refs?: readonly string[];
  /** Lower-case names, in any kind and namespace. */
  names?: readonly string[];
  /** Every rejection (of one source when given), when neither refs nor names are. */
  all?: true;
  source?: string | undefined;
}

/** Rejections of these refs or names, or all of them (the first 1000 problems' worth). */
export async function findRejections(db: CatalogDb, wanted: RejectionQuery): Promise<Rejection[]> {
  const refs = wanted.refs ?? [];
  const names = wanted.names ?? [];
  if (refs.length === 0 && names.length === 0 && !wanted.all) return [];
  let select = db
    .selectFrom('catalog_problems as p')
    .innerJoin('catalog_sources as s', 's.id', 'p.source_id')
    .select(['p.entity_ref', 'p.file', 'p.line', 'p.column', 'p.code', 'p.message', 's.id', 's.name'])
    .where('p.severity', '=', 'error')
    .where('p.entity_ref', 'is not', null);
  if (!wanted.all) {
    select = select.where((eb) =>
      eb.or([
        ...(refs.length > 0 ? [eb('p.entity_ref', 'in', refs)] : []),
        ...names.map((name) => eb('p.entity_ref', 'like', `%/${name.replace(/[\\%_]/g, '\\$&')}`)),
      ]),
    );
  }
  if (wanted.source !== undefined) select = select.where('p.source_id', '=', wanted.source);
  const rows = await select
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('catalog_entities as e').select('e.ref').whereRef('e.ref', '=', 'p.entity_ref'))),
    )
    .orderBy('p.entity_ref')
    .orderBy('p.file')
    .orderBy('p.line')
    .limit(1000)
    .execute();
  const byRef = new Map<string, Rejection>();
  for (const row of rows) {
    const ref = row.entity_ref as string;
    const problem = {
      file: row.file,
      line: row.line,
      column: row.column,
      code: row.code,
      message: row.message,
    };
    const known = byRef.get(ref);
    if (known) known.problems.push(problem);
    else
      byRef.set(ref, {
        ref,
        source: { id: row.id, name: row.name },
        file: row.file,
        line: row.line,
        problems: [problem],
      });
  }
  return [...byRef.values()];
}

// Many rows in one statement: the rows travel as one JSON parameter and `json_to_recordset` turns
// them into a table, on PGlite and PostgreSQL alike (far faster than a statement per row, and no
// limit on the number of bind parameters).
import { type RawBuilder, sql } from 'kysely';

/** Column name → PostgreSQL type, in the order the rows' fields are read. */
export type Columns = Readonly<Record<string, string>>;

export function recordset(rows: readonly object[], columns: Columns): RawBuilder<unknown> {
  const definition = Object.entries(columns)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(', ');
  return sql`json_to_recordset(cast(${JSON.stringify(rows)} as json)) as x(${sql.raw(definition)})`;
}

export function columnList(columns: Columns): RawBuilder<unknown> {
  return sql.raw(
    Object.keys(columns)
      .map((name) => `"${name}"`)
      .join(', '),
  );
}

/** Runs `work` over `items` in slices of `size`. */
export async function inSlices<T>(items: readonly T[], size: number, work: (slice: T[]) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await work(items.slice(i, i + size));
}

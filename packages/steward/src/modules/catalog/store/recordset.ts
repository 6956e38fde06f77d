// Many rows in one statement: the rows travel as one JSON parameter and `json_to_recordset` turns
// them into a table, on PGlite and PostgreSQL alike (far faster than a statement per row, and no
// limit on the number of bind parameters).
import { type RawBuilder, sql } from 'kysely';

/** Column name → PostgreSQL type, in the order the rows' fields are read. */
export type Columns = Readonly<Record<string, string>>;

export function recordset(rows: readonly object[] | string, columns: Columns): RawBuilder<unknown> {
  const definition = Object.entries(columns)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(', ');
  const json = typeof rows === 'string' ? rows : JSON.stringify(rows);
  return sql`json_to_recordset(cast(${json} as json)) as x(${sql.raw(definition)})`;
}

export function columnList(columns: Columns | readonly string[], prefix = ''): RawBuilder<unknown> {
  const names = Array.isArray(columns) ? columns : Object.keys(columns);
  return sql.raw(names.map((name) => `${prefix}"${name}"`).join(', '));
}

// Printing data for people (aligned columns) or programs (JSON), chosen by --format.

export type Format = 'text' | 'json';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

export function printRows<T>(rows: T[], columns: Column<T>[], format: Format, json: unknown = rows): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  process.stdout.write(renderTable(rows, columns));
}

export function renderTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => cellText(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n')}\n`;
}

export function printRecord(record: Record<string, unknown>, format: Format, json: unknown = record): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  const lines = Object.entries(record).map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${cellText(v)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '-';
  return String(value);
}

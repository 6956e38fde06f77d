// The portal's one table: columns declared once, a header click (or Enter/Space on it) sorts by that
// column, the sorted column says so with aria-sort, and a wide table scrolls inside its own frame
// (which keyboards can reach) instead of pushing the page sideways.

import { type ReactNode, useRef, useState } from 'react';
import { nextSort, type SortState, type SortValue, sortRows } from './table-sort.ts';
import { useScrolls } from './use-scrolls.ts';

export interface Column<Row> {
  /** Names the column in the sort state; unique within the table. */
  id: string;
  /** What the header shows; also the sort button's name, so what is seen is what is said. */
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Set to make the column sortable: the value its rows are ordered by. */
  sortValue?: (row: Row) => SortValue;
  /** For the header and every cell of the column, e.g. `numeric`. */
  className?: string;
}

interface DataTableProps<Row> {
  /** What the table holds, for screen readers (the table's caption) and its scrolling frame's name. */
  label: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  /** Added to `table`, e.g. `table--entities`. */
  className?: string;
  /** The order before anyone clicks; without it, rows stay in the order given. */
  initialSort?: SortState;
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const { label, columns, rows, rowKey, rowClassName, className, initialSort } = props;
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const frame = useRef<HTMLElement>(null);
  const scrolls = useScrolls(frame);
  const sortColumn = columns.find((column) => column.id === sort?.column);
  const shown =
    sort && sortColumn?.sortValue ? sortRows(rows, sortColumn.sortValue, sort.direction) : [...rows];
  return (
    <section
      ref={frame}
      className="card card--flush table-wrap"
      aria-label={label}
      // A table wider than its frame scrolls there, and keyboards must reach it (only then: no idle stops).
      tabIndex={scrolls ? 0 : undefined}
    >
      <table className={className ? `table ${className}` : 'table'}>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <HeaderCell
                key={column.id}
                column={column}
                sort={sort?.column === column.id ? sort.direction : undefined}
                onSort={() => setSort((current) => nextSort(current, column.id))}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((column) => (
                <td key={column.id} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface HeaderCellProps<Row> {
  column: Column<Row>;
  sort: SortState['direction'] | undefined;
  onSort: () => void;
}

function HeaderCell<Row>({ column, sort, onSort }: HeaderCellProps<Row>) {
  if (!column.sortValue) {
    return (
      <th scope="col" className={column.className}>
        {column.header}
      </th>
    );
  }
  return (
    <th scope="col" className={column.className} aria-sort={sort}>
      <button type="button" className="sort-button" onClick={onSort}>
        {column.header}
        <span className="sort-button__arrow" aria-hidden="true">
          {sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

/** Whether the element's content is wider than it, kept up to date as either changes size. */

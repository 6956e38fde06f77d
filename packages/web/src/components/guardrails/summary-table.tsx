// Open findings counted by severity for each team or service: each row narrows the findings to it.
import { type SummaryRow, severities } from '../../api/guardrails.ts';
import { Link } from '../../router.tsx';
import { type Column, DataTable } from '../data-table.tsx';
import { RefLink, shortRef } from '../oncall/ref-links.tsx';

interface SummaryTableProps {
  by: 'team' | 'service';
  rows: SummaryRow[];
  label: string;
  /** Where a row's count leads: the findings filtered to that team or service. */
  hrefOf: (key: string) => string;
}

export function SummaryTable({ by, rows, label, hrefOf }: SummaryTableProps) {
  const columns: Column<SummaryRow>[] = [
    {
      id: 'key',
      header: by === 'team' ? 'Team' : 'Service',
      cell: (row) => <RefLink entityRef={row.key} />,
      sortValue: (row) => row.key ?? '',
    },
    ...severities.map(
      (severity): Column<SummaryRow> => ({
        id: severity,
        header: severity,
        cell: (row) => (row[severity] === 0 ? <span className="muted">0</span> : row[severity]),
        sortValue: (row) => row[severity],
        className: 'numeric',
      }),
    ),
    {
      id: 'open',
      header: 'Open',
      cell: (row) =>
        row.key === null ? (
          row.open
        ) : (
          <Link href={hrefOf(row.key)} aria-label={`${row.open} open findings of ${shortRef(row.key)}`}>
            {row.open}
          </Link>
        ),
      sortValue: (row) => row.open,
      className: 'numeric',
    },
    {
      id: 'exempted',
      header: 'Exempted',
      cell: (row) => row.exempted,
      sortValue: (row) => row.exempted,
      className: 'numeric',
    },
  ];
  return <DataTable label={label} columns={columns} rows={rows} rowKey={(row) => row.key ?? '(none)'} />;
}

// SLOs as a table: each links to its budget and burn-down, with its service and owning team.
import type { SloView } from '../../api/slos.ts';
import { Link } from '../../router.tsx';
import { type Column, DataTable } from '../data-table.tsx';
import { RefLink } from '../oncall/ref-links.tsx';

const columns: Column<SloView>[] = [
  {
    id: 'name',
    header: 'SLO',
    cell: (s) => <Link href={`/slos/${encodeURIComponent(s.id)}`}>{s.name}</Link>,
    sortValue: (s) => s.name,
  },
  {
    id: 'service',
    header: 'Service',
    cell: (s) => <RefLink entityRef={s.service} />,
    sortValue: (s) => s.service,
  },
  {
    id: 'team',
    header: 'Team',
    cell: (s) => <RefLink entityRef={s.team} />,
    sortValue: (s) => s.team ?? '',
  },
  {
    id: 'objective',
    header: 'Objective',
    cell: (s) => `${s.objective}%`,
    sortValue: (s) => s.objective,
    className: 'numeric',
  },
  { id: 'period', header: 'Period', cell: (s) => s.period },
];

export function SloTable({ slos, label }: { slos: readonly SloView[]; label: string }) {
  return (
    <DataTable
      label={label}
      columns={columns}
      rows={slos}
      rowKey={(s) => s.id}
      initialSort={{ column: 'service', direction: 'ascending' }}
    />
  );
}

// A schedule's overrides, each removable (one made by a swap removes the whole swap, as the API does).
import { deleteOverride, type OverrideView, type ScheduleName } from '../../api/oncall.ts';
import { useAction } from '../../api/use-action.ts';
import { type Column, DataTable } from '../data-table.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { RefLink, shortRef } from './ref-links.tsx';
import { formatInZone } from './zone-time.ts';

interface OverridesTableProps {
  schedule: ScheduleName;
  timeZone: string;
  overrides: OverrideView[];
  onChanged: () => void;
}

export function OverridesTable({ schedule, timeZone, overrides, onChanged }: OverridesTableProps) {
  const { busy, error, run } = useAction();
  const remove = (override: OverrideView) => run(() => deleteOverride(schedule, override.id), onChanged);
  const columns: Column<OverrideView>[] = [
    {
      id: 'user',
      header: 'Person',
      cell: (row) => <RefLink entityRef={row.user} />,
      sortValue: (row) => row.user,
    },
    {
      id: 'from',
      header: 'From',
      cell: (row) => formatInZone(row.from, timeZone),
      sortValue: (row) => row.from,
    },
    { id: 'until', header: 'Until', cell: (row) => formatInZone(row.until, timeZone) },
    { id: 'kind', header: 'Made by', cell: (row) => (row.swap ? `a swap, ${row.createdBy}` : row.createdBy) },
    {
      id: 'remove',
      header: <span className="visually-hidden">Remove</span>,
      cell: (row) => (
        <button
          type="button"
          className="button button--danger-ghost"
          disabled={busy}
          onClick={() => remove(row)}
          aria-label={`Remove the override of ${shortRef(row.user)} from ${formatInZone(row.from, timeZone)}`}
        >
          Remove
        </button>
      ),
    },
  ];
  return (
    <>
      {error && <ProblemMessage error={error} />}
      {overrides.length === 0 ? (
        <p className="empty card">No overrides: the layers decide who is on call.</p>
      ) : (
        <DataTable label="Overrides" columns={columns} rows={overrides} rowKey={(row) => row.id} />
      )}
    </>
  );
}

// One schedule over the next two weeks: each layer and the final schedule as bars in the schedule's
// own zone, its gaps, its overrides (add one, remove one), and a swap of any of its shifts. Loads again
// when alerts change (the board's rhythm) and every minute.

import type { Shift } from '../../api/oncall.ts';
import { fetchShifts, listOverrides, listSchedules, type ScheduleName } from '../../api/oncall.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnTopic } from '../../components/alerts/use-live-reload.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { OverrideForm } from '../../components/oncall/override-form.tsx';
import { OverridesTable } from '../../components/oncall/overrides-table.tsx';
import { RefLink } from '../../components/oncall/ref-links.tsx';
import { ShiftTimeline } from '../../components/oncall/shift-timeline.tsx';
import { SwapForm } from '../../components/oncall/swap-form.tsx';
import { formatInZone } from '../../components/oncall/zone-time.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { usePageTitle } from '../../page-title.ts';

export function SchedulePage({ schedule }: { schedule: ScheduleName }) {
  const key = `${schedule.namespace}/${schedule.name}`;
  const shifts = useResource(`shifts:${key}`, () => fetchShifts(schedule));
  const overrides = useResource(`overrides:${key}`, () => listOverrides(schedule));
  const schedules = useResource('schedules', listSchedules);
  const owner =
    schedules.data?.find((s) => s.namespace === schedule.namespace && s.name === schedule.name)?.owner ??
    null;
  const reload = () => {
    shifts.reload();
    overrides.reload();
  };
  useReloadOnTopic('alerts', reload, 60_000);
  usePageTitle([schedule.name, 'Schedule']);
  return (
    <>
      <PageHeader
        title={schedule.name}
        subtitle="The next two weeks: each layer, the final schedule with overrides, and the gaps."
        crumbs={[{ href: '/oncall', label: 'On call' }]}
      />
      <ResourceView resource={shifts} label="the schedule">
        {(data) => (
          <>
            <section className="card" aria-labelledby="timeline-title">
              <h2 id="timeline-title" className="card__title card__title--plain">
                Timeline
              </h2>
              <ShiftTimeline shifts={data} />
            </section>
            {data.gaps.length > 0 && (
              <p className="problem" role="status">
                Nobody is on call for {data.gaps.length} {data.gaps.length === 1 ? 'stretch' : 'stretches'} in
                these two weeks: add an override or a layer. The team that owns the schedule is told of each
                gap before it starts.
              </p>
            )}
            <h2 className="section-title">Final schedule</h2>
            <FinalTable shifts={data.final} timeZone={data.timeZone} />
            <h2 className="section-title">Overrides</h2>
            <ResourceView resource={overrides} label="the overrides">
              {(list) => (
                <OverridesTable
                  schedule={schedule}
                  timeZone={data.timeZone}
                  overrides={list}
                  onChanged={reload}
                />
              )}
            </ResourceView>
            <OverrideForm schedule={schedule} timeZone={data.timeZone} onCreated={reload} />
            <SwapForm
              choices={data.final.map((shift) => ({ schedule, owner, timeZone: data.timeZone, shift }))}
              onSwapped={reload}
            />
          </>
        )}
      </ResourceView>
    </>
  );
}

function FinalTable({ shifts, timeZone }: { shifts: Shift[]; timeZone: string }) {
  const columns: Column<Shift>[] = [
    { id: 'user', header: 'On call', cell: (row) => <RefLink entityRef={row.user} /> },
    { id: 'from', header: `From (${timeZone})`, cell: (row) => formatInZone(row.from, timeZone) },
    { id: 'until', header: `Until (${timeZone})`, cell: (row) => formatInZone(row.until, timeZone) },
    { id: 'layer', header: 'Why', cell: (row) => (row.layer === null ? 'override' : `layer ${row.layer}`) },
  ];
  if (shifts.length === 0) return <p className="empty card">Nobody is on call in these two weeks.</p>;
  return (
    <DataTable
      label="Final schedule"
      columns={columns}
      rows={shifts}
      rowKey={(row) => `${row.user}-${row.from}`}
    />
  );
}

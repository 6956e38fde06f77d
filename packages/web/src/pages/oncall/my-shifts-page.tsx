// The signed-in person's coming shifts across every schedule (the final schedules, overrides
// applied), a swap of any of them with a teammate, and a personal calendar feed to subscribe to,
// whose URL is shown once.
import { useState } from 'react';
import {
  type CreatedCalendarFeed,
  createCalendarFeed,
  fetchShifts,
  listSchedules,
  type Shift,
} from '../../api/oncall.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ShownOnce } from '../../components/admin/shown-once.tsx';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { parseRef, schedulePathOf } from '../../components/oncall/ref-links.tsx';
import { SwapForm } from '../../components/oncall/swap-form.tsx';
import { formatInZone } from '../../components/oncall/zone-time.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { usePageTitle } from '../../page-title.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session/session-context.tsx';

const days = 28;

interface MyShift extends Shift {
  schedule: { namespace: string; name: string };
  owner: string | null;
  timeZone: string;
}

/** Whether a shift's User ref is this person (their handle is their User's name in `default`). */
export function isMine(userRef: string, handle: string): boolean {
  const { kind, namespace, name } = parseRef(userRef);
  return (kind === 'user' || kind === '') && namespace === 'default' && name === handle.toLowerCase();
}

async function loadMyShifts(handle: string): Promise<MyShift[]> {
  const from = new Date();
  const until = new Date(from.getTime() + days * 86_400_000);
  const window = { from: from.toISOString(), until: until.toISOString() };
  const schedules = await listSchedules();
  const all = await Promise.all(
    schedules.map(async (schedule) => {
      const shifts = await fetchShifts(schedule, window);
      return shifts.final
        .filter((shift) => isMine(shift.user, handle))
        .map((shift) => ({
          ...shift,
          schedule: { namespace: schedule.namespace, name: schedule.name },
          owner: schedule.owner,
          timeZone: shifts.timeZone,
        }));
    }),
  );
  return all.flat().sort((a, b) => a.from.localeCompare(b.from));
}

export function MyShiftsPage() {
  const { user } = useSession();
  const shifts = useResource(`my-shifts:${user.handle}`, () => loadMyShifts(user.handle));
  usePageTitle(['My shifts']);
  const columns: Column<MyShift>[] = [
    {
      id: 'schedule',
      header: 'Schedule',
      cell: (row) => <Link href={schedulePathOf(row.schedule)}>{row.schedule.name}</Link>,
    },
    {
      id: 'from',
      header: 'From',
      cell: (row) => `${formatInZone(row.from, row.timeZone)} (${row.timeZone})`,
    },
    { id: 'until', header: 'Until', cell: (row) => formatInZone(row.until, row.timeZone) },
    { id: 'why', header: 'Why', cell: (row) => (row.layer === null ? 'override' : `layer ${row.layer}`) },
  ];
  return (
    <>
      <PageHeader
        title="My shifts"
        subtitle={`Your shifts in the next ${days} days, in every schedule.`}
        crumbs={[{ href: '/oncall', label: 'On call' }]}
      />
      <CalendarFeedButton handle={user.handle} />
      <ResourceView resource={shifts} label="your shifts">
        {(list) =>
          list.length === 0 ? (
            <p className="empty card">You have no shifts in the next {days} days.</p>
          ) : (
            <>
              <DataTable
                label="My shifts"
                columns={columns}
                rows={list}
                rowKey={(row) => `${row.schedule.name}-${row.from}`}
              />
              <SwapForm
                choices={list.map(({ schedule, owner, timeZone, ...shift }) => ({
                  schedule,
                  owner,
                  timeZone,
                  shift,
                }))}
                onSwapped={shifts.reload}
              />
            </>
          )
        }
      </ResourceView>
    </>
  );
}

function CalendarFeedButton({ handle }: { handle: string }) {
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const { busy, error, run } = useAction();
  const subscribe = () =>
    run(async () => setCreated(await createCalendarFeed({ user: `user:default/${handle.toLowerCase()}` })));
  return (
    <div className="my-shifts__feed">
      {error && <ProblemMessage error={error} />}
      {created ? (
        <ShownOnce
          title="Your calendar feed"
          note="Add this URL to your calendar app as a subscription; anyone with it can read your shifts."
          secret={created.url}
          onDismiss={() => setCreated(null)}
        />
      ) : (
        <button type="button" className="button button--secondary" disabled={busy} onClick={subscribe}>
          Subscribe in my calendar
        </button>
      )}
    </div>
  );
}

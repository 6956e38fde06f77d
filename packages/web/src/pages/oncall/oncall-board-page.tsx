// Who is on call now: for each team, the people its escalation policy reaches by step; then every
// schedule with the person on call in it and until when. Loads again on any alert change and every
// minute, since shifts end with time alone.
import { ApiError } from '../../api/http.ts';
import { listTeams, type Team } from '../../api/identity.ts';
import { fetchOncall, listSchedules, type OncallAnswer, type ScheduleSummary } from '../../api/oncall.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnTopic } from '../../components/alerts/use-live-reload.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { OncallList } from '../../components/oncall/oncall-now-card.tsx';
import { RefLink, schedulePathOf } from '../../components/oncall/ref-links.tsx';
import { formatInZone } from '../../components/oncall/zone-time.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { usePageTitle } from '../../page-title.ts';
import { Link } from '../../router.tsx';

interface TeamOncall {
  team: Team;
  answer: OncallAnswer | null;
}

interface Board {
  teams: TeamOncall[];
  schedules: ScheduleSummary[];
}

async function loadBoard(): Promise<Board> {
  const [teams, schedules] = await Promise.all([listTeams(), listSchedules()]);
  const answers = await Promise.all(
    teams.map(async (team) => {
      try {
        return { team, answer: await fetchOncall({ team: team.name }) };
      } catch (error) {
        // A team the catalog does not know (yet) has nobody on call; anything else is a real failure.
        if (error instanceof ApiError && error.status === 404) return { team, answer: null };
        throw error;
      }
    }),
  );
  return { teams: answers, schedules };
}

export function OncallBoardPage() {
  const board = useResource('oncall-board', loadBoard);
  useReloadOnTopic('alerts', board.reload, 60_000);
  usePageTitle(['On call']);
  return (
    <>
      <PageHeader
        title="On call"
        subtitle="Who is paged first, and who after, for each team right now."
        actions={
          <Link className="button button--secondary" href="/me/shifts">
            My shifts
          </Link>
        }
      />
      <ResourceView resource={board} label="who is on call">
        {(data) => <BoardView board={data} />}
      </ResourceView>
    </>
  );
}

function BoardView({ board }: { board: Board }) {
  const covered = board.teams.filter((each) => (each.answer?.oncall.length ?? 0) > 0);
  const without = board.teams.filter((each) => (each.answer?.oncall.length ?? 0) === 0);
  return (
    <>
      <div className="oncall-board">
        {covered.map(({ team, answer }) => (
          <section key={team.name} className="card card--flush" aria-labelledby={`board-${team.name}`}>
            <h2 id={`board-${team.name}`} className="card__title">
              <Link href={`/teams/${encodeURIComponent(team.name)}`}>{team.displayName}</Link>
            </h2>
            <OncallList entries={answer?.oncall ?? []} label={team.displayName} />
          </section>
        ))}
      </div>
      {covered.length === 0 && (
        <p className="empty card">No team has an escalation policy reaching anyone now.</p>
      )}
      {without.length > 0 && (
        <p className="muted">
          Nobody on call for: {without.map(({ team }) => team.displayName).join(', ')} (no escalation policy,
          or nobody on its rota now).
        </p>
      )}
      <SchedulesTable schedules={board.schedules} />
    </>
  );
}

function SchedulesTable({ schedules }: { schedules: ScheduleSummary[] }) {
  const columns: Column<ScheduleSummary>[] = [
    {
      id: 'name',
      header: 'Schedule',
      cell: (row) => <Link href={schedulePathOf(row)}>{row.name}</Link>,
      sortValue: (row) => row.name,
    },
    { id: 'owner', header: 'Owner', cell: (row) => <RefLink entityRef={row.owner} /> },
    {
      id: 'now',
      header: 'On call now',
      cell: (row) =>
        row.oncallNow ? (
          <RefLink entityRef={row.oncallNow.user} />
        ) : (
          <span className="badge badge--danger">nobody</span>
        ),
    },
    {
      id: 'until',
      header: 'Until (schedule time)',
      cell: (row) => (row.oncallNow ? formatInZone(row.oncallNow.until, row.timeZone) : '—'),
    },
    { id: 'zone', header: 'Time zone', cell: (row) => row.timeZone },
  ];
  return (
    <>
      <h2 className="section-title">Schedules</h2>
      {schedules.length === 0 ? (
        <p className="empty card">No schedules in the catalog yet: add a steward.dev/v1 Schedule.</p>
      ) : (
        <DataTable
          label="Schedules"
          columns={columns}
          rows={schedules}
          rowKey={(row) => row.ref}
          initialSort={{ column: 'name', direction: 'ascending' }}
        />
      )}
    </>
  );
}

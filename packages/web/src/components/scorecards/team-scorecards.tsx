// A team's entities on each scorecard, on its page: the level each holds, its score and its next
// step. Nothing is shown for a team owning nothing a scorecard judges.
import { fetchScorecard, listScorecards, type ScorecardDetail } from '../../api/scorecards.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { type Column, DataTable } from '../data-table.tsx';
import { RefLink } from '../oncall/ref-links.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { LevelBadge } from './level-badge.tsx';

type Row = ScorecardDetail['results'][number];

async function loadTeamScorecards(team: string): Promise<ScorecardDetail[]> {
  const cards = await listScorecards();
  return Promise.all(cards.map((card) => fetchScorecard(card.name, team)));
}

export function TeamScorecards({ team, displayName }: { team: string; displayName: string }) {
  const cards = useResource(`scorecards:team=${team}`, () => loadTeamScorecards(team));
  useReloadOnCatalogChange(cards.reload);
  if (cards.state === 'failed') return <ProblemMessage error={cards.error} onRetry={cards.reload} />;
  if (cards.state !== 'ready') return null;
  return (
    <>
      {cards.data
        .filter((card) => card.results.length > 0)
        .map((card) => (
          <DataTable
            key={card.name}
            label={`${card.title}: ${displayName}'s services`}
            columns={columnsOf(card)}
            rows={card.results}
            rowKey={(r) => r.entity}
            initialSort={{ column: 'score', direction: 'ascending' }}
          />
        ))}
    </>
  );
}

export function columnsOf(card: Pick<ScorecardDetail, 'levels'>, withOwner = false): Column<Row>[] {
  const columns: Column<Row>[] = [
    {
      id: 'entity',
      header: 'Entity',
      cell: (r) => <RefLink entityRef={r.entity} />,
      sortValue: (r) => r.name,
    },
    {
      id: 'level',
      header: 'Level',
      cell: (r) => <LevelBadge level={r.level} levels={card.levels} />,
      sortValue: (r) => (r.level === null ? -1 : card.levels.indexOf(r.level)),
    },
    {
      id: 'score',
      header: 'Score',
      cell: (r) => `${r.score}%`,
      sortValue: (r) => r.score,
      className: 'numeric',
    },
    {
      id: 'next',
      header: 'Next step',
      cell: (r) => {
        const next = r.nextSteps[0];
        return next ? (
          <>
            <strong>{next.title}</strong> ({next.level}): {next.howToFix}
          </>
        ) : (
          'Every rule passes'
        );
      },
    },
  ];
  if (withOwner)
    columns.splice(1, 0, {
      id: 'owner',
      header: 'Owner',
      cell: (r) => <RefLink entityRef={r.owner} />,
      sortValue: (r) => r.owner ?? '',
    });
  return columns;
}

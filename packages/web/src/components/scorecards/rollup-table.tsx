// A scorecard rolled up per team, system or domain: entities, average score, how many hold each
// level, and the rules failing there most often.
import { fetchRollups, type RollupBy, type RollupList } from '../../api/scorecards.ts';
import { useResource } from '../../api/use-resource.ts';
import { type Column, DataTable } from '../data-table.tsx';
import { RefLink } from '../oncall/ref-links.tsx';
import { ResourceView } from '../resource-view.tsx';

const byLabel: Record<RollupBy, string> = { team: 'Team', system: 'System', domain: 'Domain' };

export function RollupTable({ scorecard, by }: { scorecard: string; by: RollupBy }) {
  const rollups = useResource(`rollups:${scorecard}:${by}`, () => fetchRollups(scorecard, by));
  return (
    <ResourceView resource={rollups} label="the roll-up">
      {(list) => (
        <DataTable
          label={`Roll-up by ${by}`}
          columns={columnsOf(by)}
          rows={list.items}
          rowKey={(r) => r.group ?? '(none)'}
          initialSort={{ column: 'score', direction: 'ascending' }}
        />
      )}
    </ResourceView>
  );
}

function columnsOf(by: RollupBy): Column<RollupList['items'][number]>[] {
  return [
    {
      id: 'group',
      header: byLabel[by],
      cell: (r) => <RefLink entityRef={r.group} />,
      sortValue: (r) => r.group ?? '',
    },
    {
      id: 'entities',
      header: 'Entities',
      cell: (r) => r.entities,
      sortValue: (r) => r.entities,
      className: 'numeric',
    },
    {
      id: 'score',
      header: 'Average score',
      cell: (r) => `${r.averageScore}%`,
      sortValue: (r) => r.averageScore,
      className: 'numeric',
    },
    {
      id: 'levels',
      header: 'Levels held',
      cell: (r) =>
        r.levels
          .filter((l) => l.count > 0)
          .map((l) => `${l.level ?? 'none'} ${l.count}`)
          .join(', '),
    },
    {
      id: 'worst',
      header: 'Failing most',
      cell: (r) =>
        r.worstRules.length === 0
          ? 'nothing'
          : r.worstRules.map((w) => `${w.title} (${w.failing})`).join(', '),
    },
  ];
}

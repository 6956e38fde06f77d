// One scorecard: its ladder of rules (each with how to fix it), every entity it judges with the level
// held and its next step, roll-ups per team, system or domain, and its campaigns.
import { useState } from 'react';
import { fetchScorecard, listCampaigns, type RollupBy, type ScorecardDetail } from '../../api/scorecards.ts';
import { useResource } from '../../api/use-resource.ts';
import { type Column, DataTable } from '../../components/data-table.tsx';
import { RefLink } from '../../components/oncall/ref-links.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { CampaignForm } from '../../components/scorecards/campaign-form.tsx';
import { CampaignList } from '../../components/scorecards/campaign-list.tsx';
import { RollupTable } from '../../components/scorecards/rollup-table.tsx';
import { columnsOf } from '../../components/scorecards/team-scorecards.tsx';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { usePageTitle } from '../../page-title.ts';
import { useSession } from '../../session/session-context.tsx';

type Rule = ScorecardDetail['rules'][number];

const ruleColumns: Column<Rule>[] = [
  { id: 'title', header: 'Rule', cell: (r) => r.title },
  { id: 'level', header: 'Level', cell: (r) => r.level },
  { id: 'weight', header: 'Weight', cell: (r) => r.weight, className: 'numeric' },
  { id: 'check', header: 'Check', cell: (r) => <code>{r.check}</code> },
  { id: 'fix', header: 'How to fix', cell: (r) => r.howToFix },
];

export function ScorecardPage({ name }: { name: string }) {
  const card = useResource(`scorecard:${name}`, () => fetchScorecard(name));
  useReloadOnCatalogChange(card.reload);
  usePageTitle([card.data?.title ?? name, 'Scorecards']);
  return (
    <ResourceView resource={card} label="the scorecard">
      {(detail) => <ScorecardDetails detail={detail} />}
    </ResourceView>
  );
}

function ScorecardDetails({ detail }: { detail: ScorecardDetail }) {
  const [by, setBy] = useState<RollupBy>('team');
  const campaigns = useResource(`campaigns:${detail.name}`, () => listCampaigns({ scorecard: detail.name }));
  const { user } = useSession();
  const ownerTeam = detail.owner?.startsWith('group:default/')
    ? detail.owner.slice('group:default/'.length)
    : null;
  const mayRunCampaigns = user.role === 'admin' || (ownerTeam !== null && user.teams.includes(ownerTeam));
  return (
    <>
      <PageHeader
        title={detail.title}
        subtitle={detail.description || undefined}
        crumbs={[{ href: '/scorecards', label: 'Scorecards' }]}
      />
      <p>
        Run by <RefLink entityRef={detail.owner} />. Levels, lowest first: {detail.levels.join(', ')}. Judges{' '}
        {detail.entities} entities; average score {detail.averageScore}%.
      </p>
      <h2>Rules</h2>
      <DataTable label="Rules" columns={ruleColumns} rows={detail.rules} rowKey={(r) => r.id} />
      <h2>Entities</h2>
      <DataTable
        label="Entities"
        columns={columnsOf(detail, true)}
        rows={detail.results}
        rowKey={(r) => r.entity}
        initialSort={{ column: 'score', direction: 'ascending' }}
      />
      <h2>Roll-up</h2>
      <label className="field scorecard-rollup-by">
        <span className="field__label">Roll up by</span>
        <select value={by} onChange={(e) => setBy(e.target.value as RollupBy)}>
          <option value="team">team</option>
          <option value="system">system</option>
          <option value="domain">domain</option>
        </select>
      </label>
      <RollupTable scorecard={detail.name} by={by} />
      <section aria-labelledby="scorecard-campaigns">
        <h2 id="scorecard-campaigns">Campaigns</h2>
        <ResourceView resource={campaigns} label="the campaigns">
          {(items) => (
            <CampaignList campaigns={items} onChange={campaigns.reload} canClose={mayRunCampaigns} />
          )}
        </ResourceView>
        {mayRunCampaigns && <CampaignForm scorecard={detail} onCreated={campaigns.reload} />}
      </section>
    </>
  );
}

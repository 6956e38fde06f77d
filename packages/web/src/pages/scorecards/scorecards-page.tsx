// Every scorecard with how many entities hold each level, and every campaign with its progress:
// where a platform team sees how ready the organisation is, and what it has asked of teams.
import { listCampaigns, listScorecards, type ScorecardSummary } from '../../api/scorecards.ts';
import { useResource } from '../../api/use-resource.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { CampaignList } from '../../components/scorecards/campaign-list.tsx';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { usePageTitle } from '../../page-title.ts';
import { Link } from '../../router.tsx';

export function ScorecardsPage() {
  const scorecards = useResource('scorecards', listScorecards);
  const campaigns = useResource('campaigns', () => listCampaigns());
  useReloadOnCatalogChange(scorecards.reload);
  useReloadOnCatalogChange(campaigns.reload);
  usePageTitle(['Scorecards']);
  return (
    <>
      <PageHeader
        title="Scorecards"
        subtitle="How ready each service is, rung by rung: a level is held only when every rule of it and below passes."
      />
      <ResourceView resource={scorecards} label="the scorecards">
        {(items) => (
          <div className="scorecard-cards">
            {items.map((card) => (
              <ScorecardCard key={card.name} card={card} />
            ))}
          </div>
        )}
      </ResourceView>
      <section aria-labelledby="campaigns-title">
        <h2 id="campaigns-title">Campaigns</h2>
        <ResourceView resource={campaigns} label="the campaigns">
          {(items) => <CampaignList campaigns={items} onChange={campaigns.reload} />}
        </ResourceView>
      </section>
    </>
  );
}

function ScorecardCard({ card }: { card: ScorecardSummary }) {
  const titleId = `scorecard-${card.name}`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        <Link href={`/scorecards/${encodeURIComponent(card.name)}`}>{card.title}</Link>
      </h2>
      {card.description && <p>{card.description}</p>}
      {card.ref === null && (
        <p className="muted">Built in: used while the catalog defines no Scorecard of its own.</p>
      )}
      <dl className="scorecard-levels">
        {card.levelCounts.map((count) => (
          <div key={count.level ?? 'none'} className="scorecard-levels__level">
            <dt>{count.level ?? 'No level'}</dt>
            <dd>{count.count}</dd>
          </div>
        ))}
        <div className="scorecard-levels__level">
          <dt>Average score</dt>
          <dd>{card.averageScore}%</dd>
        </div>
      </dl>
      <p className="muted">
        {card.entities} entities, {card.rules.length} rules
      </p>
    </section>
  );
}

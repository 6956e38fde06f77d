// Campaigns with their progress: the goal, the deadline (overdue said plainly), the message to the
// teams, how many entities reach the goal in all and per team, and, to those allowed, a close button.
import { type CampaignView, closeCampaign } from '../../api/scorecards.ts';
import { useAction } from '../../api/use-action.ts';
import { Badge } from '../badge.tsx';
import { RefLink } from '../oncall/ref-links.tsx';
import { ProblemMessage } from '../problem-message.tsx';

interface CampaignListProps {
  campaigns: readonly CampaignView[];
  onChange: () => void;
  /** Offer closing open campaigns (admins and the scorecard's team; the API decides). */
  canClose?: boolean;
}

export function CampaignList({ campaigns, onChange, canClose = false }: CampaignListProps) {
  if (campaigns.length === 0)
    return <p className="empty">No campaigns yet: start one to get teams to a level by a deadline.</p>;
  return (
    <ul className="campaigns">
      {campaigns.map((campaign) => (
        <Campaign key={campaign.id} campaign={campaign} onChange={onChange} canClose={canClose} />
      ))}
    </ul>
  );
}

function Campaign({
  campaign,
  onChange,
  canClose,
}: {
  campaign: CampaignView;
  onChange: () => void;
  canClose: boolean;
}) {
  const close = useAction();
  const { progress } = campaign;
  const goal = [
    campaign.level && `reach ${campaign.level}`,
    campaign.rules.length > 0 && `pass ${campaign.rules.join(', ')}`,
  ]
    .filter(Boolean)
    .join(' and ');
  const titleId = `campaign-${campaign.id}`;
  return (
    <li className="card campaign" aria-labelledby={titleId}>
      <h3 id={titleId} className="campaign__title">
        {campaign.name}{' '}
        {campaign.state === 'closed' ? (
          <Badge>Closed</Badge>
        ) : progress.overdue ? (
          <Badge tone="danger">Overdue</Badge>
        ) : (
          <Badge tone="accent">Open</Badge>
        )}
      </h3>
      <p className="campaign__goal">
        {campaign.scorecard}: {goal}, by {campaign.deadline}
        {campaign.teams.length > 0 && (
          <>
            {' '}
            (teams:{' '}
            {campaign.teams.map((team, i) => (
              <span key={team}>
                {i > 0 && ', '}
                <RefLink entityRef={team} />
              </span>
            ))}
            )
          </>
        )}
      </p>
      <blockquote className="campaign__message">{campaign.message}</blockquote>
      <p className="campaign__progress">
        <label htmlFor={`${titleId}-progress`}>
          {progress.passing} of {progress.inScope} there ({progress.percent}%)
        </label>{' '}
        <progress id={`${titleId}-progress`} max={Math.max(progress.inScope, 1)} value={progress.passing} />
      </p>
      {progress.teams.length > 0 && (
        <ul className="campaign__teams">
          {progress.teams.map((team) => (
            <li key={team.team ?? 'none'}>
              <RefLink entityRef={team.team} />: {team.passing} of {team.inScope}
            </li>
          ))}
        </ul>
      )}
      {canClose && campaign.state === 'open' && (
        <button
          type="button"
          className="button button--secondary"
          disabled={close.busy}
          onClick={() => close.run(() => closeCampaign(campaign.id), onChange)}
        >
          Close {campaign.name}
        </button>
      )}
      {close.error && <ProblemMessage error={close.error} />}
    </li>
  );
}

// An entity's scorecards on its page: the level it holds on each, its score, and the next step for
// each failing rule. Nothing is shown for an entity no scorecard applies to.
import type { EntityName } from '../../api/catalog.ts';
import { fetchEntityScorecards } from '../../api/scorecards.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { Link } from '../../router.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { LevelBadge } from './level-badge.tsx';
import { NextSteps } from './next-steps.tsx';

export function EntityScorecardsCard({ entity }: { entity: EntityName }) {
  const key = `${entity.kind}:${entity.namespace}/${entity.name}`;
  const cards = useResource(`scorecards:${key}`, () => fetchEntityScorecards(entity));
  useReloadOnCatalogChange(cards.reload);
  if (cards.state === 'failed') return <ProblemMessage error={cards.error} onRetry={cards.reload} />;
  if (cards.state !== 'ready' || cards.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="entity-scorecards">
      <h2 id="entity-scorecards" className="card__title">
        Scorecards
      </h2>
      {cards.data.map(({ scorecard, result }) => (
        <article
          key={scorecard.name}
          className="scorecard-summary"
          aria-labelledby={`scorecard-${scorecard.name}`}
        >
          <h3 id={`scorecard-${scorecard.name}`} className="scorecard-summary__title">
            <Link href={`/scorecards/${encodeURIComponent(scorecard.name)}`}>{scorecard.title}</Link>{' '}
            <LevelBadge level={result.level} levels={scorecard.levels} />{' '}
            <span className="muted">{result.score}%</span>
          </h3>
          {result.nextLevel && (
            <p className="muted">To reach {result.nextLevel}, start with the first step below.</p>
          )}
          <NextSteps result={result} />
        </article>
      ))}
    </section>
  );
}

// Scorecards: rules over catalog facts, on-call routes, SLOs and scan findings, in ladders of levels
// with weighted scores, campaigns and roll-ups per team, system and domain. Import only from here.
import type { ScorecardsService } from './scorecards-service.ts';

export { campaignProgress } from './engine/campaign-progress.ts';
export { evaluateEntity, levelHeld, scoreOf } from './engine/evaluate.ts';
export type { EntityFacts, EntityResult, Scorecard, ScorecardRule } from './engine/model.ts';
export { builtInScorecard, readScorecard } from './engine/read-scorecard.ts';
export type {
  CampaignView,
  EntityResultView,
  RollupView,
  ScorecardDetail,
  ScorecardSummary,
} from './schemas.ts';
export type { ScorecardsService } from './scorecards-service.ts';

/** What other modules may use: the scorecards and their results. */
export type ScorecardsApi = Pick<ScorecardsService, 'list' | 'get' | 'forEntity'>;

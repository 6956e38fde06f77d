// The scorecards module's table, as Kysely sees it (migration 0029-scorecard-campaigns).
import type { Generated, Kysely } from 'kysely';

export interface CampaignsTable {
  id: string;
  name: string;
  scorecard: string;
  level: string | null;
  rules: string[];
  /** Group refs; empty for every team. */
  teams: string[];
  /** YYYY-MM-DD. */
  deadline: string;
  message: string;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: Date | null;
  closed_by: string | null;
}

export interface ScorecardTables {
  scorecard_campaigns: CampaignsTable;
}

export type ScorecardDb = Kysely<ScorecardTables>;

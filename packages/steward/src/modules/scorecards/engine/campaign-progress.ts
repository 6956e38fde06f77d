// A campaign's progress: of the entities in its scope (the scorecard's, narrowed to some teams), how
// many reach its goal (a level, or a set of rules all passing), in all and per team; overdue once the
// deadline has passed with some still short of it.
import type { EntityResult } from './model.ts';

export interface CampaignGoal {
  /** Reach at least this level. */
  level?: string | null | undefined;
  /** Pass every one of these rules. */
  rules?: readonly string[] | null | undefined;
}

export interface CampaignProgress {
  inScope: number;
  passing: number;
  /** Passing over in scope, as a percent to one decimal; 100 for an empty scope. */
  percent: number;
  overdue: boolean;
  teams: { team: string | null; inScope: number; passing: number }[];
  /** The entities still short of the goal, with what they fail of it. */
  remaining: { entity: string; owner: string | null; failing: string[] }[];
}

export function campaignProgress(
  levels: readonly string[],
  goal: CampaignGoal,
  results: readonly EntityResult[],
  scope: { teams?: readonly string[] | null | undefined; deadline: string; open: boolean; now: Date },
): CampaignProgress {
  const teams = scope.teams && scope.teams.length > 0 ? new Set(scope.teams) : null;
  const inScope = teams ? results.filter((r) => r.owner !== null && teams.has(r.owner)) : results;
  const perTeam = new Map<string | null, { team: string | null; inScope: number; passing: number }>();
  const remaining: CampaignProgress['remaining'] = [];
  let passing = 0;
  for (const result of inScope) {
    const failing = goalFailures(levels, goal, result);
    const row = perTeam.get(result.owner) ?? { team: result.owner, inScope: 0, passing: 0 };
    row.inScope += 1;
    if (failing.length === 0) {
      row.passing += 1;
      passing += 1;
    } else remaining.push({ entity: result.entity, owner: result.owner, failing });
    perTeam.set(result.owner, row);
  }
  const percent = inScope.length === 0 ? 100 : Math.round((passing / inScope.length) * 1000) / 10;
  const pastDeadline = scope.now.toISOString().slice(0, 10) > scope.deadline;
  return {
    inScope: inScope.length,
    passing,
    percent,
    overdue: scope.open && pastDeadline && passing < inScope.length,
    teams: [...perTeam.values()].sort((a, b) =>
      a.team === null ? 1 : b.team === null ? -1 : a.team.localeCompare(b.team),
    ),
    remaining,
  };
}

/** What keeps an entity from the goal: the rules it fails of the goal's levels and of its list. */
function goalFailures(levels: readonly string[], goal: CampaignGoal, result: EntityResult): string[] {
  const upTo = goal.level ? levels.indexOf(goal.level) : -1;
  const wanted = new Set(goal.rules ?? []);
  return result.rules
    .filter((r) => !r.pass && (wanted.has(r.id) || (upTo >= 0 && levels.indexOf(r.level) <= upTo)))
    .map((r) => r.id);
}

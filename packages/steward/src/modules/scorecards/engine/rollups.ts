// Roll-ups of a scorecard's results per team (primary owner), system or domain: how many entities,
// their average score, how many hold each level, and the rules failing most often there.
import { round1 } from './evaluate.ts';
import type { EntityResult } from './model.ts';

export type RollupBy = 'team' | 'system' | 'domain';

export interface Rollup {
  /** The Group, System or Domain ref; null gathers the entities that have none. */
  group: string | null;
  entities: number;
  averageScore: number;
  /** Every level, lowest first, then `null` for entities holding none. */
  levels: { level: string | null; count: number }[];
  /** The rules failing here, most often first (at most five). */
  worstRules: { id: string; title: string; level: string; failing: number }[];
}

const keyOf: Record<RollupBy, (r: EntityResult) => string | null> = {
  team: (r) => r.owner,
  system: (r) => r.system,
  domain: (r) => r.domain,
};

export function rollUp(levels: readonly string[], results: readonly EntityResult[], by: RollupBy): Rollup[] {
  const groups = new Map<string | null, EntityResult[]>();
  for (const result of results) {
    const key = keyOf[by](result);
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return [...groups.entries()]
    .map(([group, members]) => summarise(levels, group, members))
    .sort((a, b) => (a.group === null ? 1 : b.group === null ? -1 : a.group.localeCompare(b.group)));
}

function summarise(levels: readonly string[], group: string | null, members: EntityResult[]): Rollup {
  const failing = new Map<string, { id: string; title: string; level: string; failing: number }>();
  for (const member of members) {
    for (const rule of member.rules) {
      if (rule.pass) continue;
      const entry = failing.get(rule.id) ?? { id: rule.id, title: rule.title, level: rule.level, failing: 0 };
      entry.failing += 1;
      failing.set(rule.id, entry);
    }
  }
  return {
    group,
    entities: members.length,
    averageScore: round1(members.reduce((sum, m) => sum + m.score, 0) / members.length),
    levels: [...levels, null].map((level) => ({
      level,
      count: members.filter((m) => m.level === level).length,
    })),
    worstRules: [...failing.values()]
      .sort(
        (a, b) =>
          b.failing - a.failing ||
          levels.indexOf(a.level) - levels.indexOf(b.level) ||
          a.id.localeCompare(b.id),
      )
      .slice(0, 5),
  };
}

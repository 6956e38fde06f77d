// Judging entities against a scorecard: which entities it applies to, each rule's result with its
// evidence, the level held (every rule of it and of each level below passes) and the weighted score.
import type { CatalogEntity } from '../../catalog/index.ts';
import { checks, primaryOwner, tierOf } from './checks.ts';
import type { EntityFacts, EntityResult, RuleResult, Scorecard } from './model.ts';

export function appliesTo(scorecard: Scorecard, entity: CatalogEntity): boolean {
  const scope = scorecard.appliesTo;
  if (!scope.kinds.includes(entity.kind.toLowerCase())) return false;
  if (scope.types && !scope.types.includes(String(entity.spec.type))) return false;
  if (scope.lifecycles && !scope.lifecycles.includes(String(entity.spec.lifecycle))) return false;
  if (scope.tiers) {
    const tier = tierOf(entity);
    if (tier === null || !scope.tiers.includes(tier)) return false;
  }
  return true;
}

/** Where an entity sits: its system (`partOf` a System) and that system's domain. */
export interface Placement {
  domainOf(system: string): string | null;
}

export function evaluateEntity(scorecard: Scorecard, facts: EntityFacts, placement: Placement): EntityResult {
  const rules: RuleResult[] = scorecard.rules.map((rule) => ({
    id: rule.id,
    title: rule.title,
    check: rule.check,
    level: rule.level,
    weight: rule.weight,
    howToFix: rule.howToFix,
    ...checks[rule.check].run(facts, rule.params),
  }));
  const { entity } = facts;
  const system =
    entity.relations.find((r) => r.type === 'partOf' && r.targetRef.startsWith('system:'))?.targetRef ?? null;
  const held = levelHeld(scorecard.levels, rules);
  const next = scorecard.levels[held === null ? 0 : scorecard.levels.indexOf(held) + 1] ?? null;
  return {
    entity: entity.ref,
    kind: entity.kind,
    name: entity.name,
    title: typeof entity.metadata.title === 'string' ? entity.metadata.title : null,
    owner: primaryOwner(entity),
    system,
    domain: system ? placement.domainOf(system) : null,
    level: held,
    nextLevel: next,
    score: scoreOf(rules),
    rules,
  };
}

/** The highest level such that every rule of it and of every level below passes; null if none. */
export function levelHeld(
  levels: readonly string[],
  rules: readonly Pick<RuleResult, 'level' | 'pass'>[],
): string | null {
  let held: string | null = null;
  for (const level of levels) {
    if (rules.some((r) => r.level === level && !r.pass)) break;
    held = level;
  }
  return held;
}

/** Passing weight over all weight, as a percent to one decimal; 100 for a scorecard with no rules. */
export function scoreOf(rules: readonly Pick<RuleResult, 'weight' | 'pass'>[]): number {
  const total = rules.reduce((sum, r) => sum + r.weight, 0);
  if (total === 0) return 100;
  const passing = rules.reduce((sum, r) => sum + (r.pass ? r.weight : 0), 0);
  return round1((passing / total) * 100);
}

/** The failing rules, the next step first: lowest level, then heaviest. */
export function nextSteps(scorecard: Scorecard, result: EntityResult): RuleResult[] {
  const rank = (level: string) => scorecard.levels.indexOf(level);
  return result.rules
    .filter((r) => !r.pass)
    .sort((a, b) => rank(a.level) - rank(b.level) || b.weight - a.weight || a.id.localeCompare(b.id));
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

// A Scorecard entity as the engine reads it (the catalog has checked its shape), and the built-in
// one Steward judges by when the catalog defines none.
import {
  type CatalogEntity,
  defaultScorecardLevels,
  type ScorecardCheckName,
  scorecardCheckNames,
} from '../../catalog/index.ts';
import { checks } from './checks.ts';
import type { AppliesTo, Scorecard, ScorecardRule } from './model.ts';

const defaultKinds = ['component', 'service'];

export function readScorecard(entity: CatalogEntity): Scorecard {
  const spec = entity.spec;
  const levels = strings(spec.levels) ?? [...defaultScorecardLevels];
  const applies = (spec.appliesTo ?? {}) as Record<string, unknown>;
  const appliesTo: AppliesTo = {
    kinds: (strings(applies.kinds) ?? defaultKinds).map((k) => k.toLowerCase()),
  };
  const types = strings(applies.types);
  const lifecycles = strings(applies.lifecycles);
  const tiers = Array.isArray(applies.tiers) ? applies.tiers.filter((t) => typeof t === 'number') : undefined;
  if (types) appliesTo.types = types;
  if (lifecycles) appliesTo.lifecycles = lifecycles;
  if (tiers) appliesTo.tiers = tiers;
  const rules = (Array.isArray(spec.rules) ? spec.rules : []).flatMap((raw): ScorecardRule[] => {
    const r = raw as Record<string, unknown>;
    if (!scorecardCheckNames.includes(r.check as ScorecardCheckName)) return [];
    const check = r.check as ScorecardCheckName;
    return [
      {
        id: String(r.id),
        check,
        params: (r.params ?? {}) as ScorecardRule['params'],
        level: String(r.level),
        weight: typeof r.weight === 'number' ? r.weight : 1,
        title: typeof r.title === 'string' ? r.title : checks[check].title,
        howToFix: typeof r.howToFix === 'string' ? r.howToFix : checks[check].howToFix,
      },
    ];
  });
  const metadata = entity.metadata;
  return {
    name: entity.namespace === 'default' ? entity.name : `${entity.namespace}/${entity.name}`,
    ref: entity.ref,
    title: typeof metadata.title === 'string' ? metadata.title : entity.name,
    description: typeof metadata.description === 'string' ? metadata.description : '',
    owner: entity.owners.find((o) => o.role === 'primary')?.ref ?? null,
    appliesTo,
    levels,
    rules,
  };
}

const rule = (
  id: string,
  check: ScorecardCheckName,
  level: string,
  weight = 1,
  params: ScorecardRule['params'] = {},
): ScorecardRule => ({
  id,
  check,
  params,
  level,
  weight,
  title: checks[check].title,
  howToFix: checks[check].howToFix,
});

/** Judged by when the catalog has no Scorecard: what a production service needs, rung by rung. */
export const builtInScorecard: Scorecard = {
  name: 'production-readiness',
  ref: null,
  title: 'Production readiness',
  description:
    'The built-in scorecard, used while the catalog defines none: ownership first, then being reachable when it breaks, then being measured.',
  owner: null,
  appliesTo: { kinds: defaultKinds },
  levels: [...defaultScorecardLevels],
  rules: [
    rule('has-owner', 'has-owner', 'Bronze', 3),
    rule('has-description', 'has-description', 'Bronze'),
    rule('has-lifecycle', 'has-lifecycle', 'Bronze'),
    rule('has-escalation-policy', 'has-escalation-policy', 'Silver', 3),
    rule('has-runbook', 'has-runbook', 'Silver', 2),
    rule('has-repository', 'has-repository', 'Silver'),
    rule('has-slo', 'has-slo', 'Gold', 2),
    rule('has-dashboard', 'has-dashboard', 'Gold'),
    rule('no-high-findings', 'no-findings-at-or-above', 'Gold', 2, { severity: 'high' }),
  ],
};

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

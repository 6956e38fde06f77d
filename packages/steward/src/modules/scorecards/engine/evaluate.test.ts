// The ladder and the score worked out by hand. The test scorecard weighs 10 in all: owner 3 and
// description 1 (Bronze), runbook 2 (Silver), SLO 2 and no high findings 2 (Gold).
import { describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../catalog/index.ts';
import { campaignProgress } from './campaign-progress.ts';
import { appliesTo, evaluateEntity, levelHeld, nextSteps } from './evaluate.ts';
import type { EntityFacts, EntityResult, Scorecard, ScorecardRule } from './model.ts';
import { builtInScorecard } from './read-scorecard.ts';
import { rollUp } from './rollups.ts';

const rule = (id: string, check: ScorecardRule['check'], level: string, weight: number, params = {}) => ({
  id,
  check,
  level,
  weight,
  params,
  title: id,
  howToFix: `fix ${id}`,
});

const card: Scorecard = {
  name: 'ready',
  ref: 'scorecard:default/ready',
  title: 'Ready',
  description: '',
  owner: 'group:default/platform',
  appliesTo: { kinds: ['component'], lifecycles: ['production'] },
  levels: ['Bronze', 'Silver', 'Gold'],
  rules: [
    rule('owner', 'has-owner', 'Bronze', 3),
    rule('description', 'has-description', 'Bronze', 1),
    rule('runbook', 'has-runbook', 'Silver', 2),
    rule('slo', 'has-slo', 'Gold', 2),
    rule('findings', 'no-findings-at-or-above', 'Gold', 2, { severity: 'high' }),
  ],
};

function entity(name: string, over: Partial<CatalogEntity> = {}): CatalogEntity {
  return {
    ref: `component:default/${name}`,
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    namespace: 'default',
    name,
    metadata: {
      name,
      description: 'Takes payments.',
      links: [{ url: `https://runbooks.example/${name}`, title: 'Runbook' }],
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
    owners: [
      { ref: 'group:default/payments', role: 'primary', position: { file: 'c.yaml', line: 1, column: 1 } },
    ],
    relations: [
      {
        type: 'partOf',
        targetRef: 'system:default/checkout',
        origin: 'declared',
        position: { file: 'c.yaml', line: 1, column: 1 },
      },
    ],
    source: { file: 'c.yaml', line: 1, column: 1, document: 0 },
    ...over,
  };
}

function facts(e: CatalogEntity, over: Partial<EntityFacts> = {}): EntityFacts {
  return {
    entity: e,
    ownerInCatalog: true,
    policy: { ref: 'escalationpolicy:default/payments', hops: ['owned by group:default/payments'] },
    slos: [`${e.name}-availability`],
    findings: [],
    ...over,
  };
}

const placement = {
  domainOf: (system: string) => (system === 'system:default/checkout' ? 'domain:default/money' : null),
};
const judge = (f: EntityFacts, scorecard = card) => evaluateEntity(scorecard, f, placement);

describe('the ladder and the score', () => {
  it('holds Gold with every rule passing: 10 of 10 is 100', () => {
    const result = judge(facts(entity('checkout')));
    expect(result.rules.every((r) => r.pass)).toBe(true);
    expect([result.level, result.nextLevel, result.score]).toEqual(['Gold', null, 100]);
    expect([result.owner, result.system, result.domain]).toEqual([
      'group:default/payments',
      'system:default/checkout',
      'domain:default/money',
    ]);
  });

  it('holds no level when a Bronze rule fails, though every Silver and Gold rule passes: 9 of 10', () => {
    const e = entity('quiet');
    e.metadata = { ...e.metadata, description: '  ' };
    const result = judge(facts(e));
    expect([result.level, result.nextLevel, result.score]).toEqual([null, 'Bronze', 90]);
    expect(nextSteps(card, result).map((r) => [r.id, r.howToFix])).toEqual([
      ['description', 'fix description'],
    ]);
  });

  it('holds Silver with the SLO missing (8 of 10), Bronze with the runbook missing too (6 of 10)', () => {
    const silver = judge(facts(entity('a'), { slos: [] }));
    expect([silver.level, silver.nextLevel, silver.score]).toEqual(['Silver', 'Gold', 80]);
    const e = entity('b');
    e.metadata = { name: 'b', description: 'b' };
    const bronze = judge(facts(e, { slos: [] }));
    expect([bronze.level, bronze.nextLevel, bronze.score]).toEqual(['Bronze', 'Silver', 60]);
    // The next step first: the Silver rule, then the Gold one.
    expect(nextSteps(card, bronze).map((r) => r.id)).toEqual(['runbook', 'slo']);
  });

  it('fails the owner rule for an owner the catalog lacks, saying so; scores 7 of 10', () => {
    const result = judge(facts(entity('c'), { ownerInCatalog: false }));
    const owner = result.rules.find((r) => r.id === 'owner');
    expect(owner?.pass).toBe(false);
    expect(owner?.evidence).toBe('names group:default/payments as owner, but the catalog has no such entity');
    expect([result.level, result.score]).toEqual([null, 70]);
  });

  it('counts open findings at or above the severity; exempted and lower ones pass', () => {
    const finding = (severity: 'medium' | 'high' | 'critical', exempted = false) => ({
      ruleId: `r-${severity}`,
      severity,
      target: 'Deployment/prod/checkout',
      exempted,
    });
    const ok = judge(facts(entity('d'), { findings: [finding('medium'), finding('critical', true)] }));
    expect(ok.rules.find((r) => r.id === 'findings')).toMatchObject({
      pass: true,
      evidence: 'no open finding at high or above (1 exempted)',
    });
    const bad = judge(facts(entity('e'), { findings: [finding('high'), finding('medium')] }));
    expect(bad.rules.find((r) => r.id === 'findings')).toMatchObject({
      pass: false,
      evidence: '1 open: r-high (high) on Deployment/prod/checkout',
    });
    expect([bad.level, bad.score]).toEqual(['Silver', 80]);
  });

  it('rounds a weighted score to one decimal: 2 of 3 equal rules is 66.7', () => {
    const three: Scorecard = {
      ...card,
      rules: [
        rule('owner', 'has-owner', 'Bronze', 1),
        rule('slo', 'has-slo', 'Bronze', 1),
        rule('runbook', 'has-runbook', 'Bronze', 1),
      ],
    };
    expect(judge(facts(entity('f'), { slos: [] }), three).score).toBe(66.7);
  });

  it('holds a level with no rules of its own when those below pass', () => {
    expect(
      levelHeld(
        ['Bronze', 'Silver', 'Gold'],
        [
          { level: 'Bronze', pass: true },
          { level: 'Gold', pass: false },
        ],
      ),
    ).toBe('Silver');
  });

  it('applies to the kinds, lifecycles and tiers it names', () => {
    expect(appliesTo(card, entity('g'))).toBe(true);
    expect(appliesTo(card, entity('h', { spec: { type: 'service', lifecycle: 'experimental' } }))).toBe(
      false,
    );
    expect(appliesTo(card, entity('i', { kind: 'Resource' }))).toBe(false);
    const tiered = { ...card, appliesTo: { kinds: ['component'], tiers: [1] } };
    const e = entity('j');
    expect(appliesTo(tiered, e)).toBe(false);
    e.metadata = { ...e.metadata, annotations: { 'steward.dev/tier': '1' } };
    expect(appliesTo(tiered, e)).toBe(true);
  });

  it('routes the built-in scorecard through every check with evidence', () => {
    const result = evaluateEntity(
      builtInScorecard,
      facts(entity('k'), {
        policy: {
          ref: null,
          hops: ['no escalation policy is named by group:default/payments or owned by it'],
        },
      }),
      placement,
    );
    const policy = result.rules.find((r) => r.id === 'has-escalation-policy');
    expect(policy).toMatchObject({
      pass: false,
      evidence:
        'an alert for it would page nobody: no escalation policy is named by group:default/payments or owned by it',
    });
    // Of 16: Bronze passes (5); Silver fails on the policy (3) and the repository (1), Gold on the
    // dashboard (1): 11 of 16 is 68.75, shown as 68.8.
    expect([result.level, result.score]).toEqual(['Bronze', 68.8]);
    expect(result.rules.filter((r) => !r.pass).map((r) => r.id)).toEqual([
      'has-escalation-policy',
      'has-repository',
      'has-dashboard',
    ]);
  });
});

describe('roll-ups and campaigns', () => {
  const gold = judge(facts(entity('gold')));
  const silver = judge(facts(entity('silver'), { slos: [] }));
  const none = judge(
    facts(
      entity('none', {
        owners: [
          { ref: 'group:default/search', role: 'primary', position: { file: 'x', line: 1, column: 1 } },
        ],
        relations: [],
      }),
      {
        ownerInCatalog: false,
      },
    ),
  );
  const results: EntityResult[] = [gold, silver, none];

  it('rolls up per team: average score, count per level, the rules failing most', () => {
    const rollups = rollUp(card.levels, results, 'team');
    expect(rollups).toEqual([
      {
        group: 'group:default/payments',
        entities: 2,
        averageScore: 90,
        levels: [
          { level: 'Bronze', count: 0 },
          { level: 'Silver', count: 1 },
          { level: 'Gold', count: 1 },
          { level: null, count: 0 },
        ],
        worstRules: [{ id: 'slo', title: 'slo', level: 'Gold', failing: 1 }],
      },
      {
        group: 'group:default/search',
        entities: 1,
        averageScore: 70,
        levels: [
          { level: 'Bronze', count: 0 },
          { level: 'Silver', count: 0 },
          { level: 'Gold', count: 0 },
          { level: null, count: 1 },
        ],
        worstRules: [{ id: 'owner', title: 'owner', level: 'Bronze', failing: 1 }],
      },
    ]);
    // Per domain: the two of the checkout system in money, the third in none; (100 + 80) / 2 = 90.
    expect(rollUp(card.levels, results, 'domain').map((r) => [r.group, r.entities, r.averageScore])).toEqual([
      ['domain:default/money', 2, 90],
      [null, 1, 70],
    ]);
  });

  it('counts a campaign to Silver: 2 of 3 reach it, overdue once past the deadline', () => {
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    const goal = { level: 'Silver' };
    const progress = campaignProgress(card.levels, goal, results, {
      deadline: '2026-12-31',
      open: true,
      now: at('2026-12-31'),
    });
    expect([progress.inScope, progress.passing, progress.percent, progress.overdue]).toEqual([
      3,
      2,
      66.7,
      false,
    ]);
    expect(progress.remaining).toEqual([
      { entity: 'component:default/none', owner: 'group:default/search', failing: ['owner'] },
    ]);
    expect(progress.teams).toEqual([
      { team: 'group:default/payments', inScope: 2, passing: 2 },
      { team: 'group:default/search', inScope: 1, passing: 0 },
    ]);
    expect(
      campaignProgress(card.levels, goal, results, {
        deadline: '2026-12-31',
        open: true,
        now: at('2027-01-01'),
      }).overdue,
    ).toBe(true);
    expect(
      campaignProgress(card.levels, goal, results, {
        deadline: '2026-12-31',
        open: false,
        now: at('2027-01-01'),
      }).overdue,
    ).toBe(false);
  });

  it('counts a campaign for one rule within some teams', () => {
    const progress = campaignProgress(card.levels, { rules: ['slo'] }, results, {
      teams: ['group:default/payments'],
      deadline: '2027-03-01',
      open: true,
      now: new Date('2027-01-01T00:00:00Z'),
    });
    expect([progress.inScope, progress.passing, progress.percent]).toEqual([2, 1, 50]);
    expect(progress.remaining.map((r) => [r.entity, r.failing])).toEqual([
      ['component:default/silver', ['slo']],
    ]);
  });
});

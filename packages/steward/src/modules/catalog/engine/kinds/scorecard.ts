// Scorecards as code (`steward.dev/v1`): which entities a scorecard judges, its ladder of levels, and
// its rules, each a built-in check with a weight, a level and the next step shown when it fails. The
// catalog checks the shape (with positions); the scorecards module evaluates them.
import { findPair, type YamlMap, type YamlNode } from '../../../../platform/yaml/nodes.ts';
import type { JsonSchema, KindDefinition } from '../model.ts';
import { quoteToken } from '../quote-token.ts';

/** Severities of scan findings, lowest first (as the guardrails scanner has them). */
export const findingSeverities = ['info', 'low', 'medium', 'high', 'critical'] as const;

/** The built-in checks a rule may name, and the params each takes (none unless listed). */
export const scorecardChecks = {
  'has-owner': {},
  'has-description': {},
  'has-lifecycle': {},
  'has-tier': {},
  'has-runbook': {},
  'has-dashboard': {},
  'has-repository': {},
  'has-escalation-policy': {},
  'has-slo': {},
  'no-findings-at-or-above': { severity: findingSeverities },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type ScorecardCheckName = keyof typeof scorecardChecks;
export const scorecardCheckNames = Object.keys(scorecardChecks) as ScorecardCheckName[];

/** The ladder a scorecard has when it names none. */
export const defaultLevels = ['Bronze', 'Silver', 'Gold'] as const;

const text: JsonSchema = { type: 'string', minLength: 1 };
const texts: JsonSchema = { type: 'array', minItems: 1, items: text };

const rule: JsonSchema = {
  type: 'object',
  required: ['id', 'check', 'level', 'title'],
  additionalProperties: false,
  properties: {
    id: {
      type: 'string',
      format: 'entity-name',
      description: 'names the rule in results and campaigns: has-runbook',
    },
    check: {
      type: 'string',
      enum: scorecardCheckNames,
      errorMessage: `a built-in check: one of ${scorecardCheckNames.join(', ')}`,
    },
    params: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    level: { ...text, description: 'one of spec.levels: the rung this rule belongs to' },
    weight: { type: 'integer', minimum: 1, maximum: 100, description: 'default 1' },
    title: text,
    howToFix: { ...text, description: 'the next step shown beside a failing rule' },
  },
};

const scorecardSpec: JsonSchema = {
  type: 'object',
  required: ['rules'],
  additionalProperties: false,
  properties: {
    owner: { ...text, description: 'the Group that runs the scorecard and its campaigns' },
    appliesTo: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kinds: { ...texts, description: 'default [Component, Service]' },
        types: texts,
        lifecycles: texts,
        tiers: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 1, maximum: 4 } },
      },
    },
    levels: {
      type: 'array',
      minItems: 1,
      items: text,
      errorMessage: 'a list of level names, lowest first (default [Bronze, Silver, Gold])',
    },
    rules: { type: 'array', minItems: 1, items: rule },
  },
};

type Report = Parameters<NonNullable<KindDefinition['checkSpec']>>[1];

/** Level and rule names are unique, each rule's level is on the ladder, and params fit the check. */
function checkScorecard(spec: YamlMap, report: Report): void {
  const levelsNode = findPair(spec, 'levels')?.value;
  const levels = levelsNode?.kind === 'seq' ? uniqueNames(levelsNode.items, 'spec.levels', report) : null;
  const ladder = levels ?? [...defaultLevels];
  const rules = findPair(spec, 'rules')?.value;
  if (rules?.kind !== 'seq') return;
  const ids = new Map<string, number>();
  for (const [i, item] of rules.items.entries()) {
    if (item.kind !== 'map') continue;
    const id = scalarText(findPair(item, 'id')?.value);
    if (id !== undefined) {
      const first = ids.get(id.value);
      if (first === undefined) ids.set(id.value, i);
      else
        report(
          id.node,
          'duplicate-name',
          `spec.rules[${i}].id ${quoteToken(id.value)} is already the id of spec.rules[${first}]; give each rule its own id`,
        );
    }
    const level = scalarText(findPair(item, 'level')?.value);
    if (level && !ladder.includes(level.value))
      report(
        level.node,
        'invalid-value',
        `spec.rules[${i}].level ${quoteToken(level.value)} is not one of the levels: ${ladder.join(', ')}`,
      );
    checkParams(item, i, report);
  }
}

function checkParams(item: YamlMap, i: number, report: Report): void {
  const check = scalarText(findPair(item, 'check')?.value)?.value;
  if (check === undefined || !(check in scorecardChecks)) return;
  const allowed: Record<string, readonly string[]> = scorecardChecks[check as ScorecardCheckName];
  const paramsPair = findPair(item, 'params');
  const params = paramsPair?.value.kind === 'map' ? paramsPair.value : undefined;
  for (const name of Object.keys(allowed)) {
    if (!params || !findPair(params, name)) {
      const at = paramsPair ?? findPair(item, 'check') ?? item;
      report(
        at,
        'missing-field',
        `spec.rules[${i}].params.${name} is required by ${check}: one of ${allowed[name]?.join(', ')}`,
      );
    }
  }
  for (const pair of params?.pairs ?? []) {
    const values = allowed[pair.key];
    if (!values) {
      const takes = Object.keys(allowed);
      report(
        pair,
        'unknown-field',
        `spec.rules[${i}].params.${pair.key} is not a param of ${check}; ${takes.length ? `it takes ${takes.join(', ')}` : 'it takes none'}`,
      );
      continue;
    }
    const value = pair.value.kind === 'scalar' ? pair.value.value : null;
    if (typeof value !== 'string' || !values.includes(value))
      report(
        pair.value,
        'invalid-value',
        `spec.rules[${i}].params.${pair.key} must be one of ${values.join(', ')}`,
      );
  }
}

function uniqueNames(items: YamlNode[], path: string, report: Report): string[] {
  const names: string[] = [];
  for (const [i, item] of items.entries()) {
    const name = scalarText(item);
    if (!name) continue;
    const first = names.indexOf(name.value);
    if (first !== -1)
      report(
        name.node,
        'duplicate-name',
        `${path}[${i}] ${quoteToken(name.value)} is already ${path}[${first}]; each level once`,
      );
    names.push(name.value);
  }
  return names;
}

function scalarText(node: YamlNode | undefined) {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? { value: node.value, node } : undefined;
}

export const scorecardKinds: KindDefinition[] = [
  {
    apiVersions: ['steward.dev/v1'],
    kind: 'Scorecard',
    description:
      'Rules over catalog facts, on-call and scan results, in a ladder of levels, with the next step for each.',
    spec: scorecardSpec,
    relations: [
      {
        path: 'spec.owner',
        relation: 'ownedBy',
        inverse: 'ownerOf',
        defaultKind: 'Group',
        allowedKinds: ['Group', 'User'],
      },
    ],
    owners: 'spec.owner',
    checkSpec: checkScorecard,
  },
];

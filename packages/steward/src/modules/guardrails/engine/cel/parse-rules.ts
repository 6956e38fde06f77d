// The CEL part of a policy file: `spec.params` and `spec.customRules`. Every expression is compiled
// here, so a rule that does not compile stops the scan before it starts, pointing at the expression
// (file:line:column, the column inside the expression when CEL gives one).
//
//   customRules:
//     - id: deployment-team-label
//       severity: medium
//       message: Deployments carry a team label; add metadata.labels.team
//       match:
//         resourceRules: [{ apiGroups: [apps], apiVersions: [v1], resources: [deployments] }]
//       validations:
//         - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
import type { YamlNode } from '../kubernetes/nodes.ts';
import { field, pair, seqAt, stringAt, text } from '../kubernetes/nodes.ts';
import { type Selector, selectorOf } from '../kubernetes/selector.ts';
import { type Severity, severities } from '../model.ts';
import { reservedParams } from './export-vap.ts';
import { compileCel } from './expression.ts';
import type { CelExpression, CelPolicy, CelRule, ResourceRule } from './model.ts';
import { positionInFile } from './position.ts';
import { plainValue } from './values.ts';

type Problem = (at: { line: number; column: number }, message: string) => void;

const ruleId = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// As Kubernetes validates them: a variable is read as `variables.NAME`, a condition's name is a label.
const namePatterns = {
  variables: /^[A-Za-z_][A-Za-z0-9_]*$/,
  matchConditions: /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
};
const nameRules = {
  variables: 'a CEL identifier (letters, digits, _)',
  matchConditions: 'a name of letters, digits, -, _ and . (has-replicas)',
};
const reasons = ['Unauthorized', 'Forbidden', 'Invalid', 'RequestEntityTooLarge'];

export function parseCelPolicy(
  spec: YamlNode | undefined,
  source: string,
  builtIn: Set<string>,
  report: Problem,
): CelPolicy {
  const problem: Problem = (at, message) => report({ line: at.line, column: at.column }, message);
  const paramsNode = field(spec, 'params');
  const params = paramsNode ? plainValue(paramsNode) : null;
  if (paramsNode && paramsNode.kind !== 'map')
    problem(paramsNode, 'params must be a map (params: { maxReplicas: 10 })');
  for (const key of reservedParams) {
    const taken = pair(paramsNode, key);
    if (taken)
      problem(taken, `params cannot have a field named ${key}: Kubernetes objects keep it for themselves`);
  }
  const lines = source.split('\n');
  const seen = new Set<string>();
  const rules: CelRule[] = [];
  seqAt(spec, 'customRules').forEach((node, i) => {
    const rule = parseRule(node, `customRules[${i}]`, { lines, problem, builtIn, seen });
    if (rule) rules.push(rule);
  });
  return { rules, params };
}

interface Reading {
  lines: string[];
  problem: Problem;
  builtIn: Set<string>;
  seen: Set<string>;
}

function parseRule(node: YamlNode, where: string, reading: Reading): CelRule | undefined {
  const { problem } = reading;
  const id = stringAt(node, 'id') ?? '';
  const severity = stringAt(node, 'severity') ?? 'medium';
  const message = stringAt(node, 'message');
  if (!ruleId.test(id) || id.length > 60)
    return void problem(
      pair(node, 'id') ?? node,
      `${where}.id must be lowercase letters, digits and dashes (team-label-required), at most 60`,
    );
  if (reading.builtIn.has(id) || reading.seen.has(id))
    return void problem(pair(node, 'id') ?? node, `${where}.id ${id} is already a rule; choose another id`);
  reading.seen.add(id);
  if (!severities.includes(severity as Severity))
    return void problem(
      pair(node, 'severity') ?? node,
      `${where}.severity must be one of ${severities.join(', ')}`,
    );
  if (!message) return void problem(node, `${where} gives no message; say what is wrong and how to fix it`);
  const validationNodes = seqAt(node, 'validations');
  if (validationNodes.length === 0)
    return void problem(node, `${where} has no validations (validations: [{ expression: "…" }])`);
  let usesParams = false;
  const expression = (owner: YamlNode, key: string, path: string, required: boolean) => {
    const value = field(owner, key);
    const written = text(value);
    if (written === undefined) {
      if (required) problem(owner, `${path}.${key} is missing: a CEL expression`);
      return null;
    }
    const compiled = compileCel(written);
    if (!compiled.ok) {
      const at = positionInFile(value as YamlNode, reading.lines, written, compiled.offset ?? 0);
      const column = compiled.offset === null ? '' : ` (column ${compiled.offset + 1} of the expression)`;
      problem(at, `${path}.${key} does not compile: ${compiled.message}${column}`);
      return null;
    }
    if (/\bparams\b/.test(written)) usesParams = true;
    return { expression: written, run: compiled.run } satisfies CelExpression;
  };
  const named = (key: 'matchConditions' | 'variables') =>
    seqAt(node, key).flatMap((n, j) => {
      const name = stringAt(n, 'name');
      if (!name || !namePatterns[key].test(name)) {
        problem(n, `${where}.${key}[${j}].name must be ${nameRules[key]}`);
        return [];
      }
      const compiled = expression(n, 'expression', `${where}.${key}[${j}]`, true);
      return compiled ? [{ name, ...compiled }] : [];
    });
  const validations = validationNodes.flatMap((v, j) => {
    const path = `${where}.validations[${j}]`;
    const compiled = expression(v, 'expression', path, true);
    const reason = stringAt(v, 'reason') ?? null;
    if (reason !== null && !reasons.includes(reason))
      problem(pair(v, 'reason') ?? v, `${path}.reason must be one of ${reasons.join(', ')}`);
    const messageExpression = expression(v, 'messageExpression', path, false);
    return compiled
      ? [{ ...compiled, message: stringAt(v, 'message') ?? null, messageExpression, reason }]
      : [];
  });
  const match = field(node, 'match');
  const matchConditions = named('matchConditions');
  const variables = named('variables');
  const messageExpression = expression(node, 'messageExpression', where, false);
  return {
    rule: {
      id,
      severity: severity as Severity,
      title: message,
      fix: message,
      enabledByDefault: true,
      aliases: [],
    },
    match: {
      resourceRules: seqAt(match, 'resourceRules').map(resourceRule),
      namespaceSelector: selectorAt(match, 'namespaceSelector'),
      objectSelector: selectorAt(match, 'objectSelector'),
    },
    matchConditions,
    variables,
    validations,
    message,
    messageExpression,
    usesParams,
  };
}

function resourceRule(node: YamlNode): ResourceRule {
  const list = (key: string, fallback: string[]) => {
    const items = seqAt(node, key).flatMap((n) => text(n) ?? []);
    return items.length > 0 ? items : fallback;
  };
  return {
    apiGroups: list('apiGroups', ['*']),
    apiVersions: list('apiVersions', ['*']),
    resources: list('resources', ['*']),
    operations: list('operations', ['CREATE', 'UPDATE']),
  };
}

function selectorAt(node: YamlNode | undefined, key: string): Selector | null {
  const value = field(node, key);
  return value ? selectorOf(value) : null;
}

// Custom CEL rules run over the resources of a scan. A validation that is false is a finding; an
// expression that fails on a resource (a missing field, a wrong type, its budget spent) is a finding
// too, saying so, and the scan goes on.
import type { Emit } from '../kubernetes/finding.ts';
import type { Resource } from '../kubernetes/resources.ts';
import { groupVersionOf, pluralOf, ruleMatches } from './match.ts';
import type { CelExpression, CelPolicy, CelRule } from './model.ts';
import { type Budget, metered, plainValue } from './values.ts';

/** List elements one evaluation may read: generous for real manifests, small for a CPU. */
export const elementBudget = 100_000;

type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

export function checkCelRules(resources: Resource[], policy: CelPolicy, emit: Emit): void {
  if (policy.rules.length === 0) return;
  const budget: Budget = { left: elementBudget };
  const params = metered(policy.params, budget);
  for (const resource of resources) {
    const rules = policy.rules.filter((r) => ruleMatches(r, resource));
    if (rules.length === 0) continue;
    const base = {
      object: metered(plainValue(resource.root), budget),
      oldObject: null,
      params,
      request: requestFor(resource),
      namespaceObject: null,
    };
    for (const rule of rules) checkRule(rule, resource, base, budget, emit);
  }
}

function checkRule(
  rule: CelRule,
  resource: Resource,
  base: Record<string, unknown>,
  budget: Budget,
  emit: Emit,
): void {
  const report = (message: string, anchor: string) =>
    emit({
      ruleId: rule.rule.id,
      message,
      file: resource.file,
      line: resource.line,
      column: resource.root.column,
      resource: resource.id,
      anchor,
    });
  const failed = (what: string, message: string) =>
    report(`${rule.rule.id}: ${what} could not be evaluated on ${resource.id}: ${message}`, `cel:${what}`);
  const variables: Record<string, unknown> = {};
  const context = { ...base, variables };
  for (const [i, condition] of rule.matchConditions.entries()) {
    const outcome = run(condition, context, budget);
    if (!outcome.ok) {
      failed(`matchConditions[${i}] (${condition.name})`, outcome.message);
      return;
    }
    if (outcome.value !== true) return;
  }
  for (const variable of rule.variables) {
    const outcome = run(variable, context, budget);
    if (!outcome.ok) {
      failed(`variable ${variable.name}`, outcome.message);
      return;
    }
    variables[variable.name] = outcome.value;
  }
  for (const [i, validation] of rule.validations.entries()) {
    const outcome = run(validation, context, budget);
    if (!outcome.ok) failed(`validations[${i}]`, outcome.message);
    else if (typeof outcome.value !== 'boolean')
      failed(`validations[${i}]`, `it gave ${typeof outcome.value}, not true or false`);
    else if (!outcome.value) {
      const fromExpression = validation.messageExpression ?? rule.messageExpression;
      const dynamic = fromExpression ? run(fromExpression, context, budget) : undefined;
      const message =
        dynamic?.ok && typeof dynamic.value === 'string' && dynamic.value.trim() !== ''
          ? dynamic.value
          : (validation.message ?? rule.message);
      report(message, `cel:validations[${i}]`);
    }
  }
}

function run(expression: CelExpression, context: Record<string, unknown>, budget: Budget): Outcome {
  budget.left = elementBudget;
  try {
    return { ok: true, value: expression.run(context) };
  } catch (error) {
    const e = error as { summary?: string; message?: string };
    return { ok: false, message: (e.summary ?? e.message ?? String(error)).split('\n')[0] as string };
  }
}

/** What an admission request would carry, for expressions that read `request`. */
function requestFor(resource: Resource): Record<string, unknown> {
  const { group, version } = groupVersionOf(resource.apiVersion);
  return {
    uid: '',
    kind: { group, version, kind: resource.kind },
    resource: { group, version, resource: pluralOf(resource.kind) },
    name: resource.name,
    namespace: resource.namespace ?? '',
    operation: 'CREATE',
    userInfo: { username: 'steward-scan', groups: [] },
    dryRun: true,
  };
}

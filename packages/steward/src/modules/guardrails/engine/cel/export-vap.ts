// CEL rules as Kubernetes objects (admissionregistration.k8s.io/v1), so a cluster enforces natively
// what `steward scan` reports: one ValidatingAdmissionPolicy and one binding per rule. Rules that read
// `params` get paramKind GuardrailsParams (a cluster-scoped CRD, exported too) and one GuardrailsParams
// object holding the policy file's params at its top level, so `params.maxReplicas` reads the same.
import type { Selector } from '../kubernetes/selector.ts';
import type { CelPolicy, CelRule } from './model.ts';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

export const paramsObjectName = 'steward-guardrails';
const paramsGroup = 'steward.dev';
const managedBy = { 'app.kubernetes.io/managed-by': 'steward' };
/** Fields every Kubernetes object has; params cannot be named so at an object's top level. */
export const reservedParams = ['apiVersion', 'kind', 'metadata'];

export function exportVap(policy: CelPolicy, action: ValidationAction): Record<string, unknown>[] {
  const withParams = policy.rules.some((r) => r.usesParams);
  const out: Record<string, unknown>[] = [];
  if (withParams) out.push(paramsDefinition(), paramsObject(policy.params));
  for (const rule of policy.rules) out.push(policyOf(rule), bindingOf(rule, action));
  return out;
}

function policyOf(rule: CelRule): Record<string, unknown> {
  const { resourceRules, namespaceSelector, objectSelector } = rule.match;
  const everything = [
    { apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['CREATE', 'UPDATE'] },
  ];
  const spec: Record<string, unknown> = {
    failurePolicy: 'Fail',
    ...(rule.usesParams ? { paramKind: { apiVersion: `${paramsGroup}/v1`, kind: 'GuardrailsParams' } } : {}),
    matchConstraints: {
      resourceRules: resourceRules.length > 0 ? resourceRules : everything,
      ...(namespaceSelector ? { namespaceSelector: selectorObject(namespaceSelector) } : {}),
      ...(objectSelector ? { objectSelector: selectorObject(objectSelector) } : {}),
    },
  };
  if (rule.matchConditions.length > 0)
    spec.matchConditions = rule.matchConditions.map(({ name, expression }) => ({ name, expression }));
  if (rule.variables.length > 0)
    spec.variables = rule.variables.map(({ name, expression }) => ({ name, expression }));
  spec.validations = rule.validations.map((v) => {
    const messageExpression = v.messageExpression ?? rule.messageExpression;
    return {
      expression: v.expression,
      // Kubernetes refuses line breaks in a message.
      message: (v.message ?? rule.message).replace(/\s*\n\s*/g, ' '),
      ...(messageExpression ? { messageExpression: messageExpression.expression } : {}),
      ...(v.reason ? { reason: v.reason } : {}),
    };
  });
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: {
      name: `steward-${rule.rule.id}`,
      labels: managedBy,
      annotations: { 'steward.dev/rule': rule.rule.id, 'steward.dev/severity': rule.rule.severity },
    },
    spec,
  };
}

function bindingOf(rule: CelRule, action: ValidationAction): Record<string, unknown> {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: `steward-${rule.rule.id}`, labels: managedBy },
    spec: {
      policyName: `steward-${rule.rule.id}`,
      validationActions: [action],
      // The params object is cluster-scoped, so no namespace; without it, refuse rather than pass.
      ...(rule.usesParams ? { paramRef: { name: paramsObjectName, parameterNotFoundAction: 'Deny' } } : {}),
    },
  };
}

function selectorObject(selector: Selector): Record<string, unknown> {
  return {
    ...(Object.keys(selector.labels).length > 0 ? { matchLabels: selector.labels } : {}),
    ...(selector.expressions.length > 0
      ? {
          matchExpressions: selector.expressions.map(({ key, operator, values }) =>
            operator === 'Exists' || operator === 'DoesNotExist'
              ? { key, operator }
              : { key, operator, values },
          ),
        }
      : {}),
  };
}

function paramsDefinition(): Record<string, unknown> {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `guardrailsparams.${paramsGroup}`, labels: managedBy },
    spec: {
      group: paramsGroup,
      scope: 'Cluster',
      names: { plural: 'guardrailsparams', singular: 'guardrailsparams', kind: 'GuardrailsParams' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

function paramsObject(params: unknown): Record<string, unknown> {
  const fields = params !== null && typeof params === 'object' ? (params as Record<string, unknown>) : {};
  return {
    apiVersion: `${paramsGroup}/v1`,
    kind: 'GuardrailsParams',
    metadata: { name: paramsObjectName, labels: managedBy },
    ...fields,
  };
}

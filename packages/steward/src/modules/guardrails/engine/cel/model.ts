// A custom rule written in CEL, shaped like a ValidatingAdmissionPolicy so it can be exported to one:
// match rules as VAP's matchConstraints, matchConditions, variables and validations.
import type { Selector } from '../kubernetes/selector.ts';
import type { Rule } from '../rule.ts';
import type { Compiled } from './expression.ts';

export interface CelExpression {
  /** As written in the policy file. */
  expression: string;
  run: Compiled;
}

/** VAP's NamedRuleWithOperations, without resourceNames. `*` matches anything. */
export interface ResourceRule {
  apiGroups: string[];
  apiVersions: string[];
  /** Plural lowercase, as Kubernetes names them: `deployments`, `networkpolicies`. */
  resources: string[];
  operations: string[];
}

export interface CelRule {
  rule: Rule;
  match: {
    resourceRules: ResourceRule[];
    namespaceSelector: Selector | null;
    objectSelector: Selector | null;
  };
  matchConditions: ({ name: string } & CelExpression)[];
  variables: ({ name: string } & CelExpression)[];
  validations: (CelExpression & {
    message: string | null;
    messageExpression: CelExpression | null;
    reason: string | null;
  })[];
  /** The rule's own message, for validations that give none. */
  message: string;
  messageExpression: CelExpression | null;
  /** Whether some expression reads `params`: only then does the exported policy need a paramKind. */
  usesParams: boolean;
}

/** What a policy file's CEL part gives the scan. */
export interface CelPolicy {
  rules: CelRule[];
  /** `spec.params`, what `params` is in every expression (null when the file gives none). */
  params: unknown;
}

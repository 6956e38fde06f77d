// Whether a custom rule applies to a resource, as a ValidatingAdmissionPolicy's matchConstraints
// decide: API group, version and resource (plural lowercase), then namespace and object selectors.
// Offline, a namespace's labels are the one Kubernetes always sets: kubernetes.io/metadata.name.
import type { Resource } from '../kubernetes/resources.ts';
import { selects } from '../kubernetes/selector.ts';
import type { CelRule, ResourceRule } from './model.ts';

export function groupVersionOf(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The resource name Kubernetes gives a kind: `Deployment` → `deployments`, `NetworkPolicy` → `networkpolicies`. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === 'endpoints') return lower;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

export function ruleMatches(rule: CelRule, resource: Resource): boolean {
  const { resourceRules, namespaceSelector, objectSelector } = rule.match;
  if (resourceRules.length > 0 && !resourceRules.some((r) => resourceRuleMatches(r, resource))) return false;
  if (objectSelector && !selects(objectSelector, resource.labels)) return false;
  if (namespaceSelector) {
    const namespace = resource.kind === 'Namespace' ? resource.name : resource.namespace;
    if (namespace !== null) {
      const own = resource.kind === 'Namespace' ? resource.labels : {};
      const labels = { ...own, 'kubernetes.io/metadata.name': namespace };
      if (!selects(namespaceSelector, labels)) return false;
    }
  }
  return true;
}

function resourceRuleMatches(rule: ResourceRule, resource: Resource): boolean {
  const { group, version } = groupVersionOf(resource.apiVersion);
  const has = (list: string[], value: string) => list.includes('*') || list.includes(value);
  return (
    has(rule.apiGroups, group) &&
    has(rule.apiVersions, version) &&
    has(rule.resources, pluralOf(resource.kind)) &&
    (has(rule.operations, 'CREATE') || has(rule.operations, 'UPDATE'))
  );
}

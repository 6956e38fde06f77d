// Roles and ClusterRoles granting `*`: every verb, every resource, or both. Trivy has an id for each
// case, so the finding carries the ones that apply.
import { type Emit, finding } from './finding.ts';
import { field, seqAt, text } from './nodes.ts';
import type { Resource } from './resources.ts';
import { k8s } from './rules.ts';

export function checkRbacWildcards(role: Resource, emit: Emit): void {
  seqAt(role.root, 'rules').forEach((rule, index) => {
    const verbs = field(rule, 'verbs');
    const resources = field(rule, 'resources');
    const anyVerb = seqAt(rule, 'verbs').some((v) => text(v) === '*');
    const anyResource = seqAt(rule, 'resources').some((v) => text(v) === '*');
    if (!anyVerb && !anyResource) return;
    const aliases = ['checkov:CKV_K8S_49'];
    if (anyVerb && anyResource) aliases.push('trivy:KSV044');
    if (anyVerb) aliases.push('trivy:KSV045');
    if (anyResource) aliases.push('trivy:KSV046');
    const what =
      anyVerb && anyResource
        ? 'every verb on every resource'
        : anyVerb
          ? 'every verb (*)'
          : 'every resource (*)';
    const at = (anyVerb ? verbs : resources) ?? rule;
    const message = `${role.id} rule ${index + 1} grants ${what}; ${k8s.rbacWildcard.fix}`;
    emit(finding(k8s.rbacWildcard, role, at, message, `rules[${index}]`, { aliases }));
  });
}

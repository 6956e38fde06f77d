// Checks on a pod spec as a whole: the node's namespaces, hostPath volumes, the service-account token.
import { type Emit, finding } from './finding.ts';
import { boolAt, field, pair, seqAt, stringAt } from './nodes.ts';
import type { PodSpec, Resource } from './resources.ts';
import { k8s } from './rules.ts';

export interface PodContext {
  resource: Resource;
  pod: PodSpec;
  /** ServiceAccounts in the scan that switch the token off, by `namespace/name`. */
  tokenlessAccounts: Set<string>;
  emit: Emit;
}

const hostNamespaces = [
  [k8s.hostNetwork, 'hostNetwork'],
  [k8s.hostPid, 'hostPID'],
  [k8s.hostIpc, 'hostIPC'],
] as const;

export function checkPod(context: PodContext): void {
  const { resource, pod, emit } = context;
  for (const [rule, key] of hostNamespaces) {
    const set = pair(pod.spec, key);
    if (set && boolAt(pod.spec, key) === true) {
      emit(
        finding(rule, resource, set, `${resource.id} sets ${key}: true; ${rule.fix}`, `${pod.path}.${key}`),
      );
    }
  }
  for (const volume of seqAt(pod.spec, 'volumes')) {
    const hostPath = pair(volume, 'hostPath');
    if (!hostPath) continue;
    const name = stringAt(volume, 'name') ?? '(unnamed)';
    const path = stringAt(field(volume, 'hostPath'), 'path') ?? '?';
    const message = `${resource.id} mounts the node's ${path} (volume ${name}); ${k8s.hostPath.fix}`;
    emit(finding(k8s.hostPath, resource, hostPath, message, `${pod.path}.volumes[${name}].hostPath`));
  }
  checkServiceAccountToken(context);
}

function checkServiceAccountToken({ resource, pod, tokenlessAccounts, emit }: PodContext): void {
  const automount = boolAt(pod.spec, 'automountServiceAccountToken');
  if (automount === false) return;
  const account =
    stringAt(pod.spec, 'serviceAccountName') ?? stringAt(pod.spec, 'serviceAccount') ?? 'default';
  if (automount === undefined && tokenlessAccounts.has(`${resource.namespace}/${account}`)) return;
  const where = pair(pod.spec, 'automountServiceAccountToken') ?? pod.spec;
  const said =
    automount === true
      ? 'sets automountServiceAccountToken: true'
      : `mounts the token of service account ${account}`;
  emit(
    finding(
      k8s.serviceAccountToken,
      resource,
      where,
      `${resource.id} ${said}; ${k8s.serviceAccountToken.fix}`,
      `${pod.path}.automountServiceAccountToken`,
    ),
  );
}

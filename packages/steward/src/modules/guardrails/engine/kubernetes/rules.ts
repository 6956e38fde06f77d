// The Kubernetes rules. Aliases are the peers' own ids for the same check (kube-score's test names,
// Polaris' check keys, Checkov's CKV_K8S_*, Trivy's KSV*), taken from their documentation; a peer
// with no such check gets no alias. Where a peer flags only some cases of a rule, the check narrows
// the aliases per finding (capabilities, RBAC wildcards, PDBs).
import type { Rule, Severity } from '../model.ts';

function rule(
  id: string,
  severity: Severity,
  title: string,
  fix: string,
  aliases: string[],
  enabledByDefault = true,
): Rule {
  return { id, severity, title, fix, aliases, enabledByDefault };
}

export const k8s = {
  privileged: rule(
    'k8s-privileged',
    'high',
    'Container runs privileged',
    'Remove securityContext.privileged (or set it to false); grant only the capabilities it needs.',
    [
      'kube-score:container-security-context-privileged',
      'polaris:runAsPrivileged',
      'checkov:CKV_K8S_16',
      'trivy:KSV017',
    ],
  ),
  privilegeEscalation: rule(
    'k8s-privilege-escalation',
    'medium',
    'Container may gain more privileges than its parent process',
    'Set securityContext.allowPrivilegeEscalation: false on the container.',
    ['polaris:privilegeEscalationAllowed', 'checkov:CKV_K8S_20', 'trivy:KSV001'],
  ),
  runAsRoot: rule(
    'k8s-run-as-root',
    'medium',
    'Container may run as root',
    'Set securityContext.runAsNonRoot: true (pod or container) and a non-zero runAsUser the image can run as.',
    ['polaris:runAsRootAllowed', 'checkov:CKV_K8S_23', 'trivy:KSV012'],
  ),
  runAsUserZero: rule(
    'k8s-run-as-user-zero',
    'high',
    'Container is told to run as user 0 (root)',
    'Set securityContext.runAsUser to a non-zero user id (e.g. 10001) the image can run as.',
    ['trivy:KSV105'],
  ),
  writableRootFilesystem: rule(
    'k8s-writable-root-filesystem',
    'low',
    'Container root filesystem is writable',
    'Set securityContext.readOnlyRootFilesystem: true; mount an emptyDir where the process must write (/tmp).',
    [
      'kube-score:container-security-context-readonlyrootfilesystem',
      'polaris:notReadOnlyRootFilesystem',
      'checkov:CKV_K8S_22',
      'trivy:KSV014',
    ],
  ),
  hostNetwork: rule(
    'k8s-host-network',
    'high',
    "Pod shares the node's network namespace",
    'Remove hostNetwork: true; expose ports through a Service instead.',
    ['polaris:hostNetworkSet', 'checkov:CKV_K8S_19', 'trivy:KSV009'],
  ),
  hostPid: rule('k8s-host-pid', 'high', "Pod shares the node's process namespace", 'Remove hostPID: true.', [
    'polaris:hostPIDSet',
    'checkov:CKV_K8S_17',
    'trivy:KSV010',
  ]),
  hostIpc: rule('k8s-host-ipc', 'high', "Pod shares the node's IPC namespace", 'Remove hostIPC: true.', [
    'polaris:hostIPCSet',
    'checkov:CKV_K8S_18',
    'trivy:KSV008',
  ]),
  hostPath: rule(
    'k8s-host-path',
    'medium',
    'Pod mounts a directory of the node (hostPath)',
    'Use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret volume instead of hostPath.',
    ['trivy:KSV023'],
  ),
  hostPort: rule(
    'k8s-host-port',
    'medium',
    'Container binds a port on the node (hostPort)',
    'Remove ports[].hostPort; reach the container through a Service.',
    ['polaris:hostPortSet', 'checkov:CKV_K8S_26', 'trivy:KSV024'],
  ),
  dangerousCapabilities: rule(
    'k8s-dangerous-capabilities',
    'high',
    'Container adds a dangerous Linux capability',
    'Remove SYS_ADMIN, NET_ADMIN, ALL (and the like) from securityContext.capabilities.add; drop ALL and add back only what the process needs.',
    [
      'polaris:dangerousCapabilities',
      'checkov:CKV_K8S_25',
      'checkov:CKV_K8S_39',
      'trivy:KSV005',
      'trivy:KSV022',
    ],
  ),
  seccomp: rule(
    'k8s-seccomp-profile',
    'low',
    'No seccomp profile: every system call is allowed',
    'Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or each container).',
    ['kube-score:container-seccomp-profile', 'checkov:CKV_K8S_31', 'trivy:KSV030'],
  ),
  cpuRequests: rule(
    'k8s-cpu-requests',
    'low',
    'Container has no CPU request',
    'Set resources.requests.cpu (e.g. 100m) so the scheduler places the pod where it fits.',
    ['kube-score:container-resources', 'polaris:cpuRequestsMissing', 'checkov:CKV_K8S_10', 'trivy:KSV015'],
  ),
  cpuLimits: rule(
    'k8s-cpu-limits',
    'low',
    'Container has no CPU limit',
    'Set resources.limits.cpu so one busy container cannot starve its neighbours.',
    ['kube-score:container-resources', 'polaris:cpuLimitsMissing', 'checkov:CKV_K8S_11', 'trivy:KSV011'],
  ),
  memoryRequests: rule(
    'k8s-memory-requests',
    'low',
    'Container has no memory request',
    'Set resources.requests.memory (e.g. 128Mi) to what the process needs at rest.',
    ['kube-score:container-resources', 'polaris:memoryRequestsMissing', 'checkov:CKV_K8S_12', 'trivy:KSV016'],
  ),
  memoryLimits: rule(
    'k8s-memory-limits',
    'medium',
    'Container has no memory limit',
    'Set resources.limits.memory so a leak kills this container, not the node.',
    ['kube-score:container-resources', 'polaris:memoryLimitsMissing', 'checkov:CKV_K8S_13', 'trivy:KSV018'],
  ),
  imageTag: rule(
    'k8s-image-tag',
    'medium',
    'Image has no tag, or the tag latest',
    'Pin the image to a version tag (app:1.4.2) or a digest (app@sha256:…) so every node runs the same code.',
    ['kube-score:container-image-tag', 'polaris:tagNotSpecified', 'checkov:CKV_K8S_14', 'trivy:KSV013'],
  ),
  imageRegistry: rule(
    'k8s-image-registry',
    'high',
    'Image comes from a registry outside the allow-list',
    "Push the image to one of your organisation's registries and pull it from there.",
    [],
  ),
  imagePullPolicy: rule(
    'k8s-image-pull-policy',
    'low',
    'Image pull policy is not Always',
    'Set imagePullPolicy: Always (or pin by digest, which makes this moot).',
    ['kube-score:container-image-pull-policy', 'polaris:pullPolicyNotAlways', 'checkov:CKV_K8S_15'],
    false,
  ),
  livenessProbe: rule(
    'k8s-liveness-probe',
    'low',
    'Container has no liveness probe',
    'Add a livenessProbe (httpGet, tcpSocket or exec) so a hung process is restarted.',
    ['kube-score:pod-probes', 'polaris:livenessProbeMissing', 'checkov:CKV_K8S_8'],
  ),
  readinessProbe: rule(
    'k8s-readiness-probe',
    'low',
    'Container has no readiness probe',
    'Add a readinessProbe so traffic reaches the pod only once it can answer.',
    ['kube-score:pod-probes', 'polaris:readinessProbeMissing', 'checkov:CKV_K8S_9'],
  ),
  networkPolicy: rule(
    'k8s-network-policy',
    'medium',
    'No NetworkPolicy selects these pods: any pod may reach them',
    'Add a NetworkPolicy in the namespace whose podSelector matches these pods (a default-deny plus the allowances they need).',
    ['kube-score:pod-networkpolicy', 'polaris:missingNetworkPolicy'],
  ),
  serviceSelector: rule(
    'k8s-service-selector',
    'medium',
    "Service's selector matches no pods",
    "Make spec.selector equal to labels on the pods' template (check spelling and namespace).",
    ['kube-score:service-targets-pod'],
  ),
  ingressBackend: rule(
    'k8s-ingress-backend',
    'medium',
    'Ingress sends traffic to a Service that does not exist',
    "Point the backend at a Service in the Ingress' namespace (check the name).",
    ['kube-score:ingress-targets-service'],
  ),
  podDisruptionBudget: rule(
    'k8s-pod-disruption-budget',
    'low',
    'Several replicas but no PodDisruptionBudget',
    'Add a PodDisruptionBudget (minAvailable or maxUnavailable) whose selector matches the pods, so a node drain keeps some serving.',
    [
      'kube-score:deployment-has-poddisruptionbudget',
      'kube-score:statefulset-has-poddisruptionbudget',
      'polaris:missingPodDisruptionBudget',
    ],
  ),
  secretInEnv: rule(
    'k8s-secret-in-env',
    'high',
    'Secret written into an environment variable',
    'Move the value into a Secret and use env[].valueFrom.secretKeyRef; then rotate it, since it is in version control.',
    [],
  ),
  serviceAccountToken: rule(
    'k8s-service-account-token',
    'low',
    'Pod mounts a service-account token it may not need',
    'Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless it calls the Kubernetes API.',
    ['polaris:automountServiceAccountToken', 'checkov:CKV_K8S_38', 'trivy:KSV036'],
  ),
  rbacWildcard: rule(
    'k8s-rbac-wildcard',
    'high',
    'Role grants * verbs or * resources',
    'List the verbs and resources the subject needs instead of *.',
    ['checkov:CKV_K8S_49', 'trivy:KSV044', 'trivy:KSV045', 'trivy:KSV046'],
  ),
} satisfies Record<string, Rule>;

export const kubernetesRules: Rule[] = Object.values(k8s);

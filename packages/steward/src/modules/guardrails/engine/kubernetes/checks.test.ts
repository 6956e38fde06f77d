// Each Kubernetes check against a Helm-rendered Deployment: one change that must produce the finding
// (with its peers' aliases and the line of the offending field), and the hardened manifest, which must not.
import { describe, expect, it } from 'vitest';
import {
  companions,
  hardenedDeployment as good,
  mutate,
  ruleIds,
  scanTexts,
} from './manifests.test-support.ts';

function only(text: string, extra: Record<string, string> = {}) {
  return ruleIds({ 'deploy.yaml': text, 'companions.yaml': companions, ...extra });
}

function findingsOf(text: string, ruleId: string) {
  return scanTexts({ 'deploy.yaml': text, 'companions.yaml': companions }).findings.filter(
    (f) => f.ruleId === ruleId,
  );
}

/** The 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('a hardened Helm-rendered Deployment with its Service, NetworkPolicy and PDB', () => {
  it('produces no finding at all', () => {
    expect(scanTexts({ 'deploy.yaml': good, 'companions.yaml': companions }).findings).toEqual([]);
  });
});

describe('security context', () => {
  it('privileged: true', () => {
    const text = mutate(
      good,
      'allowPrivilegeEscalation: false',
      'allowPrivilegeEscalation: false\n            privileged: true',
    );
    const [f] = findingsOf(text, 'k8s-privileged');
    expect(f).toMatchObject({
      resource: 'Deployment/shop/checkout',
      line: lineOf(text, 'privileged: true'),
      severity: 'high',
    });
    expect(f?.aliases).toEqual([
      'kube-score:container-security-context-privileged',
      'polaris:runAsPrivileged',
      'checkov:CKV_K8S_16',
      'trivy:KSV017',
    ]);
    expect(only(text)).toEqual(['k8s-privileged']);
  });

  it('allowPrivilegeEscalation true, and absent (Kubernetes allows it by default)', () => {
    expect(only(mutate(good, 'allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'))).toEqual([
      'k8s-privilege-escalation',
    ]);
    expect(only(mutate(good, '            allowPrivilegeEscalation: false\n', ''))).toEqual([
      'k8s-privilege-escalation',
    ]);
  });

  it('running as root: no runAsNonRoot and no user; runAsUser 0', () => {
    const noUser = mutate(good, '        runAsNonRoot: true\n        runAsUser: 10001\n', '');
    expect(only(noUser)).toEqual(['k8s-run-as-root']);
    const zero = mutate(good, 'runAsUser: 10001', 'runAsUser: 0');
    const ids = only(zero);
    expect(ids).toContain('k8s-run-as-user-zero');
    expect(findingsOf(zero, 'k8s-run-as-user-zero')[0]?.line).toBe(lineOf(zero, 'runAsUser: 0'));
  });

  it('a non-zero runAsUser without runAsNonRoot is not root', () => {
    expect(only(mutate(good, '        runAsNonRoot: true\n', ''))).toEqual([]);
  });

  it('the container overrides the pod: runAsNonRoot false on the container', () => {
    const text = mutate(
      good,
      '            readOnlyRootFilesystem: true\n',
      '            readOnlyRootFilesystem: true\n            runAsNonRoot: false\n            runAsUser: 0\n',
    );
    expect(only(text)).toEqual(['k8s-run-as-root', 'k8s-run-as-user-zero']);
  });

  it('a writable root filesystem', () => {
    expect(only(mutate(good, 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'))).toEqual([
      'k8s-writable-root-filesystem',
    ]);
  });

  it('dangerous capabilities, each with the aliases of the peers that flag it', () => {
    const text = mutate(
      good,
      '              drop:\n',
      '              add:\n                - SYS_ADMIN\n                - NET_BIND_SERVICE\n                - CAP_NET_ADMIN\n              drop:\n',
    );
    const found = findingsOf(text, 'k8s-dangerous-capabilities');
    expect(found.map((f) => f.message.match(/capability (\w+)/)?.[1])).toEqual(['SYS_ADMIN', 'NET_ADMIN']);
    expect(found[0]?.aliases).toEqual([
      'polaris:dangerousCapabilities',
      'checkov:CKV_K8S_25',
      'checkov:CKV_K8S_39',
      'trivy:KSV005',
      'trivy:KSV022',
    ]);
    expect(found[1]?.aliases).toEqual([
      'polaris:dangerousCapabilities',
      'checkov:CKV_K8S_25',
      'trivy:KSV022',
    ]);
  });

  it('seccomp: none, or Unconfined; the legacy annotation counts', () => {
    const none = mutate(good, '        seccompProfile:\n          type: RuntimeDefault\n', '');
    expect(only(none)).toEqual(['k8s-seccomp-profile']);
    expect(only(mutate(good, 'type: RuntimeDefault', 'type: Unconfined'))).toEqual(['k8s-seccomp-profile']);
    const annotated = mutate(
      none,
      '    metadata:\n      labels:\n',
      '    metadata:\n      annotations:\n        seccomp.security.alpha.kubernetes.io/pod: runtime/default\n      labels:\n',
    );
    expect(only(annotated)).toEqual([]);
  });
});

describe('the node', () => {
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) {
    it(`${key}: true`, () => {
      const text = mutate(
        good,
        '      automountServiceAccountToken: false\n',
        `      automountServiceAccountToken: false\n      ${key}: true\n`,
      );
      const id = { hostNetwork: 'k8s-host-network', hostPID: 'k8s-host-pid', hostIPC: 'k8s-host-ipc' }[
        key
      ] as string;
      expect(only(text)).toEqual([id]);
      expect(findingsOf(text, id)[0]?.line).toBe(lineOf(text, `${key}: true`));
      expect(
        only(
          mutate(
            good,
            '      automountServiceAccountToken: false\n',
            `      automountServiceAccountToken: false\n      ${key}: false\n`,
          ),
        ),
      ).toEqual([]);
    });
  }

  it('a hostPath volume', () => {
    const text = mutate(
      good,
      '          emptyDir: {}\n',
      '          emptyDir: {}\n        - name: docker\n          hostPath:\n            path: /var/run/docker.sock\n',
    );
    const [f] = findingsOf(text, 'k8s-host-path');
    expect(f?.message).toContain('/var/run/docker.sock');
    expect(f?.aliases).toEqual(['trivy:KSV023']);
  });

  it('a hostPort', () => {
    const text = mutate(
      good,
      '              containerPort: 8080\n',
      '              containerPort: 8080\n              hostPort: 8080\n',
    );
    expect(only(text)).toEqual(['k8s-host-port']);
  });
});

describe('resources', () => {
  it('each missing request and limit is its own finding, aliased to each peer', () => {
    const text = mutate(good, '              cpu: 500m\n', '');
    expect(only(text)).toEqual(['k8s-cpu-limits']);
    expect(findingsOf(text, 'k8s-cpu-limits')[0]?.aliases).toContain('checkov:CKV_K8S_11');
    const none = mutate(
      good,
      '          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n            requests:\n              cpu: 100m\n              memory: 128Mi\n',
      '          resources: {}\n',
    );
    expect(only(none)).toEqual([
      'k8s-cpu-limits',
      'k8s-cpu-requests',
      'k8s-memory-limits',
      'k8s-memory-requests',
    ]);
  });
});

describe('images', () => {
  it('no tag, or latest; a digest counts as pinned', () => {
    expect(only(mutate(good, 'ghcr.io/acme/checkout:1.4.2', 'ghcr.io/acme/checkout'))).toEqual([
      'k8s-image-tag',
    ]);
    expect(only(mutate(good, 'ghcr.io/acme/checkout:1.4.2', 'ghcr.io/acme/checkout:latest'))).toEqual([
      'k8s-image-tag',
    ]);
    const digest = `ghcr.io/acme/checkout@sha256:${'a'.repeat(64)}`;
    expect(only(mutate(good, 'ghcr.io/acme/checkout:1.4.2', digest))).toEqual([]);
    expect(
      only(
        mutate(good, 'ghcr.io/acme/checkout:1.4.2', `ghcr.io/acme/checkout:latest@sha256:${'a'.repeat(64)}`),
      ),
    ).toEqual([]);
    // A registry with a port is not a tag.
    expect(only(mutate(good, 'ghcr.io/acme/checkout:1.4.2', 'registry.acme.example:5000/checkout'))).toEqual([
      'k8s-image-tag',
    ]);
  });

  it('registries outside the allow-list, only when there is one', () => {
    const files = { 'deploy.yaml': good, 'companions.yaml': companions };
    expect(ruleIds(files, { allowedRegistries: ['ghcr.io/acme'] })).toEqual([]);
    expect(ruleIds(files, { allowedRegistries: ['registry.acme.example'] })).toEqual(['k8s-image-registry']);
    const hub = {
      'deploy.yaml': mutate(good, 'ghcr.io/acme/checkout:1.4.2', 'nginx:1.27'),
      'companions.yaml': companions,
    };
    expect(ruleIds(hub, { allowedRegistries: ['docker.io/library'] })).toEqual([]);
    expect(ruleIds(hub, { allowedRegistries: ['ghcr.io'] })).toEqual(['k8s-image-registry']);
  });

  it('pull policy Always is off by default, and found when switched on', () => {
    const files = { 'deploy.yaml': good, 'companions.yaml': companions };
    expect(ruleIds(files)).toEqual([]);
    expect(ruleIds(files, { ruleToggles: { 'k8s-image-pull-policy': true } })).toEqual([
      'k8s-image-pull-policy',
    ]);
  });
});

describe('probes', () => {
  it('missing liveness and readiness probes', () => {
    expect(
      only(
        mutate(
          good,
          '          livenessProbe:\n            httpGet:\n              path: /livez\n              port: http\n',
          '',
        ),
      ),
    ).toEqual(['k8s-liveness-probe']);
    expect(
      only(
        mutate(
          good,
          '          readinessProbe:\n            httpGet:\n              path: /readyz\n              port: http\n',
          '',
        ),
      ),
    ).toEqual(['k8s-readiness-probe']);
  });

  it('a Job or CronJob runs to completion: no probes asked for', () => {
    const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: shop
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
            app.kubernetes.io/name: checkout
        spec:
          restartPolicy: OnFailure
          automountServiceAccountToken: false
          securityContext:
            runAsNonRoot: true
            seccompProfile:
              type: RuntimeDefault
          containers:
            - name: report
              image: ghcr.io/acme/report:2.0.1
              securityContext:
                allowPrivilegeEscalation: false
                readOnlyRootFilesystem: true
              resources:
                limits: { cpu: 100m, memory: 64Mi }
                requests: { cpu: 100m, memory: 64Mi }
`;
    const networkPolicy = companions
      .split('---\n')
      .find((doc) => doc.includes('kind: NetworkPolicy')) as string;
    const result = scanTexts({ 'cron.yaml': cronJob, 'netpol.yaml': networkPolicy });
    expect(result.findings.map((f) => f.ruleId)).toEqual([]);
    const privileged = mutate(
      cronJob,
      'readOnlyRootFilesystem: true',
      'readOnlyRootFilesystem: true\n                privileged: true',
    );
    const [f] = scanTexts({ 'cron.yaml': privileged, 'netpol.yaml': networkPolicy }).findings;
    expect(f).toMatchObject({ ruleId: 'k8s-privileged', resource: 'CronJob/shop/nightly' });
  });
});

describe('secrets, tokens and RBAC', () => {
  it('a literal secret in env is found without quoting it; secretKeyRef and plain settings are fine', () => {
    const text = mutate(
      good,
      '              value: "info"\n',
      '              value: "info"\n            - name: STRIPE_API_KEY\n              value: sk_live_51Habc123\n',
    );
    const [f] = findingsOf(text, 'k8s-secret-in-env');
    expect(f?.message).toContain('STRIPE_API_KEY');
    expect(f?.message).not.toContain('sk_live_51Habc123');
    expect(only(text)).toEqual(['k8s-secret-in-env']);
    const aws = mutate(good, 'value: "info"', 'value: "AKIAIOSFODNN7EXAMPLE"');
    expect(only(aws)).toEqual(['k8s-secret-in-env']);
    const pointer = mutate(
      good,
      '              value: "info"\n',
      '              value: "info"\n            - name: TOKEN_FILE\n              value: /var/run/secrets/token\n',
    );
    expect(only(pointer)).toEqual([]);
  });

  it('the service-account token: mounted by default, or off on the ServiceAccount', () => {
    const text = mutate(
      good,
      '      automountServiceAccountToken: false\n',
      '      serviceAccountName: checkout\n',
    );
    expect(only(text)).toEqual(['k8s-service-account-token']);
    const account =
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: checkout\n  namespace: shop\nautomountServiceAccountToken: false\n';
    expect(only(text, { 'sa.yaml': account })).toEqual([]);
  });

  it('wildcard verbs and resources, each with the Trivy ids that apply', () => {
    const role = (verbs: string, resources: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [""]\n    resources: ${resources}\n    verbs: ${verbs}\n`;
    const both = scanTexts({ 'role.yaml': role('["*"]', '["*"]') }).findings;
    expect(both).toHaveLength(1);
    expect(both[0]).toMatchObject({ ruleId: 'k8s-rbac-wildcard', resource: 'ClusterRole/ops', line: 8 });
    expect(both[0]?.aliases).toEqual(['checkov:CKV_K8S_49', 'trivy:KSV044', 'trivy:KSV045', 'trivy:KSV046']);
    expect(scanTexts({ 'role.yaml': role('["get", "list"]', '["*"]') }).findings[0]?.aliases).toEqual([
      'checkov:CKV_K8S_49',
      'trivy:KSV046',
    ]);
    expect(scanTexts({ 'role.yaml': role('["get", "list"]', '["pods"]') }).findings).toEqual([]);
  });
});

describe('custom resources embedding a pod template', () => {
  it('an Argo Rollout is checked like a Deployment, named by its own kind', () => {
    const rollout = mutate(
      mutate(
        good,
        'apiVersion: apps/v1\nkind: Deployment',
        'apiVersion: argoproj.io/v1alpha1\nkind: Rollout',
      ),
      'readOnlyRootFilesystem: true',
      'readOnlyRootFilesystem: false',
    );
    const found = scanTexts({ 'rollout.yaml': rollout, 'companions.yaml': companions }).findings;
    expect(found.map((f) => [f.ruleId, f.resource])).toEqual([
      ['k8s-writable-root-filesystem', 'Rollout/shop/checkout'],
    ]);
  });
});

// Exemptions in every syntax the scanner honours: Steward's (comment and annotation, with expiry,
// approver and container), the peers' (kube-score, Polaris, Checkov annotation and comment, Trivy,
// hadolint's form), central ones from the policy, and expiry bringing a finding back.
import { describe, expect, it } from 'vitest';
import {
  companions,
  hardenedDeployment as good,
  mutate,
  scanTexts,
} from './kubernetes/manifests.test-support.ts';
import type { CentralExemption } from './model.ts';

/** The hardened Deployment with a privileged sidecar and a writable root filesystem on the main container. */
const risky = mutate(
  mutate(good, 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'),
  '      volumes:\n',
  `        - name: driver
          image: ghcr.io/acme/gpu-driver:3.1.0
          securityContext:
            privileged: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
          livenessProbe: { exec: { command: [true] } }
          readinessProbe: { exec: { command: [true] } }
          resources: { limits: { cpu: 100m, memory: 64Mi }, requests: { cpu: 100m, memory: 64Mi } }
      volumes:
`,
);

function annotate(annotations: string, text = risky): string {
  return mutate(
    text,
    '  labels:\n    helm.sh/chart',
    `  annotations:\n${annotations}  labels:\n    helm.sh/chart`,
  );
}

function scan(text: string, today = '2026-03-01', exemptions: CentralExemption[] = []) {
  return scanTexts({ 'deploy.yaml': text, 'companions.yaml': companions }, { today, exemptions });
}

const ids = (text: string, today?: string) =>
  scan(text, today)
    .findings.map((f) => f.ruleId)
    .sort();

describe('the risky manifest', () => {
  it('has a privileged container and a writable root filesystem', () => {
    expect(ids(risky)).toEqual(['k8s-privileged', 'k8s-writable-root-filesystem']);
  });
});

describe("Steward's own exemptions", () => {
  it('an annotation with reason, expiry, approver and container', () => {
    const text = annotate(
      '    steward.dev/exempt: rule=k8s-privileged reason="GPU driver needs the device" expires=2026-06-30 approver=@security container=driver\n',
    );
    const result = scan(text);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['k8s-writable-root-filesystem']);
    expect(result.exemptions).toHaveLength(1);
    expect(result.exemptions[0]?.exemption).toMatchObject({
      rules: ['k8s-privileged'],
      reason: 'GPU driver needs the device',
      expires: '2026-06-30',
      approver: '@security',
      container: 'driver',
      syntax: 'steward-annotation',
      resource: 'Deployment/shop/checkout',
      line: 9,
    });
  });

  it('narrowed to another container, it exempts nothing', () => {
    const text = annotate('    steward.dev/exempt: rule=k8s-privileged reason="x" container=checkout\n');
    expect(ids(text)).toEqual(['k8s-privileged', 'k8s-writable-root-filesystem']);
  });

  it('by image prefix', () => {
    const text = annotate(
      '    steward.dev/exempt: rule=k8s-privileged reason="driver" image=ghcr.io/acme/gpu-driver\n',
    );
    expect(ids(text)).toEqual(['k8s-writable-root-filesystem']);
  });

  it('a comment in the document exempts the resource; the expiry day itself still holds', () => {
    const text = mutate(
      risky,
      '# Source: checkout/templates/deployment.yaml\n',
      '# Source: checkout/templates/deployment.yaml\n# steward:exempt rule=k8s-writable-root-filesystem reason="writes its cache" expires=2026-03-01\n',
    );
    expect(ids(text, '2026-03-01')).toEqual(['k8s-privileged']);
  });

  it('an expired exemption is a finding again, saying so', () => {
    const text = mutate(
      risky,
      '# Source: checkout/templates/deployment.yaml\n',
      '# Source: checkout/templates/deployment.yaml\n# steward:exempt rule=k8s-writable-root-filesystem reason="writes its cache" expires=2026-02-28\n',
    );
    const result = scan(text, '2026-03-01');
    const back = result.findings.find((f) => f.ruleId === 'k8s-writable-root-filesystem');
    expect(back?.message).toContain('expired on 2026-02-28');
    expect(back?.expiredExemption?.line).toBe(3);
    expect(result.exemptions).toEqual([]);
  });

  it('a comment in another document of the file does not reach this resource', () => {
    const other = `---\n# steward:exempt rule=k8s-privileged reason="other"\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: shop\n${risky}`;
    expect(ids(other)).toEqual(['k8s-privileged', 'k8s-writable-root-filesystem']);
  });

  it('a malformed exemption is reported, not silently honoured', () => {
    const text = annotate('    steward.dev/exempt: rule=k8s-privileged expires=tomorrow\n');
    const result = scan(text);
    expect(result.findings.map((f) => f.ruleId)).toContain('k8s-privileged');
    expect(result.problems[0]?.message).toContain('gives its reason');
  });
});

describe("the peers' exemptions, honoured without expiry", () => {
  it('kube-score/ignore with kube-score test names', () => {
    const text = annotate(
      '    kube-score/ignore: container-security-context-readonlyrootfilesystem,pod-probes\n',
    );
    const result = scan(text);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['k8s-privileged']);
    expect(result.exemptions[0]?.exemption).toMatchObject({
      syntax: 'kube-score',
      expires: null,
      written: 'container-security-context-readonlyrootfilesystem',
    });
  });

  it('Polaris per check, on the pod template too; and exempt: "true" for every Polaris check', () => {
    const template = mutate(
      risky,
      '    metadata:\n      labels:\n',
      '    metadata:\n      annotations:\n        polaris.fairwinds.com/runAsPrivileged-exempt: "true"\n      labels:\n',
    );
    expect(ids(template)).toEqual(['k8s-writable-root-filesystem']);
    expect(ids(annotate('    polaris.fairwinds.com/exempt: "true"\n'))).toEqual([]);
    expect(ids(annotate('    polaris.fairwinds.com/runAsPrivileged-exempt: "false"\n'))).toEqual([
      'k8s-privileged',
      'k8s-writable-root-filesystem',
    ]);
  });

  it('Checkov annotations (checkov.io/skipN) and #checkov:skip= comments', () => {
    const annotated = annotate(
      '    checkov.io/skip1: CKV_K8S_16=the driver needs the device\n    checkov.io/skip2: CKV_K8S_22\n',
    );
    const result = scan(annotated);
    expect(result.findings).toEqual([]);
    expect(result.exemptions.map((u) => [u.exemption.written, u.exemption.reason])).toEqual([
      ['CKV_K8S_16', 'the driver needs the device'],
      ['CKV_K8S_22', null],
    ]);
    const commented = mutate(
      risky,
      '            privileged: true\n',
      '            privileged: true # checkov:skip=CKV_K8S_16:driver\n',
    );
    expect(ids(commented)).toEqual(['k8s-writable-root-filesystem']);
  });

  it('Trivy inline ignores by KSV id or AVD id, with an optional exp: date', () => {
    const byId = mutate(
      risky,
      '            privileged: true\n',
      '            #trivy:ignore:KSV017\n            privileged: true\n',
    );
    expect(ids(byId)).toEqual(['k8s-writable-root-filesystem']);
    const byAvd = mutate(
      risky,
      'readOnlyRootFilesystem: false',
      'readOnlyRootFilesystem: false # trivy:ignore:AVD-KSV-0014',
    );
    expect(ids(byAvd)).toEqual(['k8s-privileged']);
    const expired = mutate(
      risky,
      '            privileged: true\n',
      '            #trivy:ignore:KSV017:exp:2026-01-31\n            privileged: true\n',
    );
    expect(ids(expired, '2026-03-01')).toEqual(['k8s-privileged', 'k8s-writable-root-filesystem']);
  });

  it('a peer id Steward has no rule for exempts nothing', () => {
    expect(ids(annotate('    checkov.io/skip1: CKV_K8S_21=default namespace is fine\n'))).toEqual([
      'k8s-privileged',
      'k8s-writable-root-filesystem',
    ]);
  });

  it('a central policy may refuse peer exemptions; Steward-written ones still count', () => {
    const text = annotate(
      '    checkov.io/skip1: CKV_K8S_16\n    steward.dev/exempt: rule=k8s-writable-root-filesystem reason="cache"\n',
    );
    const result = scanTexts(
      { 'deploy.yaml': text, 'companions.yaml': companions },
      { allowPeerExemptions: false },
    );
    expect(result.findings.map((f) => f.ruleId)).toEqual(['k8s-privileged']);
  });
});

describe('central exemptions', () => {
  const central = (over: Partial<CentralExemption>): CentralExemption => ({
    rules: ['k8s-privileged'],
    written: 'k8s-privileged',
    reason: 'GPU nodes',
    expires: '2026-12-31',
    approver: '@security',
    container: null,
    image: null,
    resourceMatch: 'Deployment/shop/*',
    path: null,
    file: 'policy.yaml',
    line: 7,
    ...over,
  });

  it('match by resource pattern and path, and expire like any other', () => {
    expect(scan(risky, '2026-03-01', [central({})]).findings.map((f) => f.ruleId)).toEqual([
      'k8s-writable-root-filesystem',
    ]);
    expect(
      scan(risky, '2026-03-01', [central({ resourceMatch: 'Deployment/payments/*' })]).findings,
    ).toHaveLength(2);
    expect(scan(risky, '2026-03-01', [central({ path: 'other/' })]).findings).toHaveLength(2);
    const expired = scan(risky, '2027-01-01', [central({})]).findings.find(
      (f) => f.ruleId === 'k8s-privileged',
    );
    expect(expired?.message).toContain('policy.yaml:7 expired on 2026-12-31');
  });
});

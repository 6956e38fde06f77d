// Exemptions in every syntax the scanner honours: Steward's (comment and annotation, with expiry,
// approver and container), the peers' (kube-score, Polaris, Checkov annotation and comment, Trivy,
// hadolint's form), central ones from the policy, expiry bringing a finding back, and what the
// policy forbids written exemptions to exempt (an annotation cannot widen it; a central exemption can).
import { describe, expect, it } from 'vitest';
import {
  companions,
  hardenedDeployment as good,
  mutate,
  scanTexts,
} from './kubernetes/manifests.test-support.ts';
import type { CentralExemption, ScanConfig } from './model.ts';
import { parsePolicy } from './policy.ts';
import { scanner } from './scanners.ts';

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
    expect(result.problems.map((p) => [p.line, p.message])).toEqual([
      [
        9,
        "exemption not honoured: CKV_K8S_16 may not exempt k8s-privileged on Deployment/shop/checkout: the policy honours only Steward's own exemptions (allowPeerExemptions: false)",
      ],
    ]);
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

describe('what the policy forbids written exemptions to exempt', () => {
  /** The policy file, its forbidExemptions entries from line 5 on. */
  const policy = (entries: string) =>
    `apiVersion: steward.dev/v1\nkind: GuardrailsPolicy\nspec:\n  forbidExemptions:\n${entries}`;
  const configOf = (entries: string, more = ''): Partial<ScanConfig> => {
    const parsed = parsePolicy('policy.yaml', policy(entries) + more, scanner.rules);
    expect(parsed.problems).toEqual([]);
    return parsed.policy;
  };
  const scanWith = (text: string, config: Partial<ScanConfig>) =>
    scanTexts({ 'deploy.yaml': text, 'companions.yaml': companions }, config);
  const privilegedExempt = annotate(
    '    steward.dev/exempt: rule=k8s-privileged reason="GPU driver" expires=2026-06-30 approver=@security\n',
  );

  it('refuses an annotation exempting a forbidden rule, reporting it with the entry that forbids it', () => {
    const result = scanWith(
      privilegedExempt,
      configOf('    - rule: k8s-privileged\n      reason: privileged pods need a central exemption\n'),
    );
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual([
      'k8s-privileged',
      'k8s-writable-root-filesystem',
    ]);
    expect(result.exemptions).toEqual([]);
    const why =
      'the policy at policy.yaml:5 forbids exempting k8s-privileged in the manifests (privileged pods need a central exemption); a central exemption in the policy can grant it';
    expect(result.findings.find((f) => f.ruleId === 'k8s-privileged')?.message).toContain(
      `(the exemption at deploy.yaml:9 is refused: ${why})`,
    );
    expect(result.problems).toEqual([
      {
        file: 'deploy.yaml',
        line: 9,
        column: 1,
        message: `exemption not honoured: k8s-privileged may not exempt k8s-privileged on Deployment/shop/checkout: ${why}`,
      },
    ]);
  });

  it('limited to namespaces: elsewhere the annotation holds', () => {
    const prod = scanWith(privilegedExempt, configOf('    - { rule: k8s-privileged, namespaces: [prod] }\n'));
    expect(prod.findings.map((f) => f.ruleId).sort()).toEqual(['k8s-writable-root-filesystem']);
    expect(prod.problems).toEqual([]);
    const shop = scanWith(
      privilegedExempt,
      configOf('    - { rule: k8s-privileged, namespaces: [prod, shop] }\n'),
    );
    expect(shop.findings.map((f) => f.ruleId).sort()).toEqual([
      'k8s-privileged',
      'k8s-writable-root-filesystem',
    ]);
    expect(shop.problems[0]?.message).toContain(
      'the policy at policy.yaml:5 forbids exempting k8s-privileged in namespace shop in the manifests',
    );
  });

  it('every rule at once, the rules not forbidden still exempted', () => {
    const both = annotate(
      '    steward.dev/exempt: rule=k8s-privileged,k8s-writable-root-filesystem reason="x"\n',
    );
    const result = scanWith(both, configOf('    - { rule: k8s-privileged }\n'));
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(['k8s-privileged']);
    expect(result.exempted.map((f) => f.ruleId)).toEqual(['k8s-writable-root-filesystem']);
    const all = scanWith(both, configOf('    - { rule: "*" }\n'));
    expect(all.findings.map((f) => f.ruleId).sort()).toEqual([
      'k8s-privileged',
      'k8s-writable-root-filesystem',
    ]);
    expect(all.problems).toHaveLength(2);
  });

  it("withoutExpiry: only exemptions with no expiry are refused (the peers' syntaxes have none)", () => {
    const config = configOf('    - { rule: "*", withoutExpiry: true }\n');
    expect(
      scanWith(privilegedExempt, config)
        .findings.map((f) => f.ruleId)
        .sort(),
    ).toEqual(['k8s-writable-root-filesystem']);
    const forever = annotate('    steward.dev/exempt: rule=k8s-privileged reason="GPU driver"\n');
    expect(
      scanWith(forever, config)
        .findings.map((f) => f.ruleId)
        .sort(),
    ).toEqual(['k8s-privileged', 'k8s-writable-root-filesystem']);
    const checkov = annotate('    checkov.io/skip1: CKV_K8S_16=driver\n');
    const refused = scanWith(checkov, config);
    expect(refused.findings.map((f) => f.ruleId).sort()).toEqual([
      'k8s-privileged',
      'k8s-writable-root-filesystem',
    ]);
    expect(refused.problems[0]?.message).toContain('forbids exempting k8s-privileged without an expiry');
  });

  it('a central exemption still grants what annotations may not', () => {
    const more =
      '  exemptions:\n    - { rule: k8s-privileged, resource: Deployment/shop/*, reason: GPU nodes, expires: 2026-12-31 }\n';
    const result = scanWith(privilegedExempt, configOf('    - { rule: k8s-privileged }\n', more));
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(['k8s-writable-root-filesystem']);
    expect(result.exemptions.map((u) => u.exemption.syntax)).toEqual(['central']);
  });

  it('a bad entry is reported at its place', () => {
    const problems = (entries: string) =>
      parsePolicy('policy.yaml', policy(entries), scanner.rules).problems.map((p) => [p.line, p.message]);
    expect(problems('    - { rule: k8s-no-such-rule }\n')).toEqual([
      [5, 'forbidExemptions[0]: no rule k8s-no-such-rule'],
    ]);
    expect(problems('    - { rule: k8s-privileged, namespace: prod }\n')).toEqual([
      [5, 'forbidExemptions[0]: namespace is not a field here (use rule, namespaces, withoutExpiry, reason)'],
    ]);
    expect(problems('    - { rule: k8s-privileged, namespaces: prod }\n')).toEqual([
      [5, 'forbidExemptions[0]: namespaces must be a list of namespace names: [prod, payments]'],
    ]);
    expect(problems('    - { reason: x }\n')).toEqual([
      [5, 'forbidExemptions[0] names no rule (rule: k8s-privileged, or "*" for every rule)'],
    ]);
  });
});

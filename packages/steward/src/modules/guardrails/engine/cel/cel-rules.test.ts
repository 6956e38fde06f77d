// Custom CEL rules through the real scanner: which resources each fires on (and must not), messages
// from messageExpression and params, positioned compile errors, run-time errors as findings, a
// hostile expression bounded, and exemptions applying to custom rules as to built-in ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanTexts } from '../kubernetes/manifests.test-support.ts';
import type { ScanConfig } from '../model.ts';
import { parsePolicy } from '../policy.ts';
import { scanner } from '../scanners.ts';

const fixture = (name: string) => readFileSync(new URL(`test-data/${name}`, import.meta.url), 'utf8');
const customIds = ['deployment-team-label', 'no-host-path', 'replicas-within-limit'];

function policyOf(text: string) {
  return parsePolicy('policy.yaml', text, scanner.rules);
}

function scanWith(policyText: string, files: Record<string, string>, extra: Partial<ScanConfig> = {}) {
  const { policy, problems } = policyOf(policyText);
  expect(problems).toEqual([]);
  return scanTexts(files, { ...policy, ...extra });
}

const custom = (result: ReturnType<typeof scanTexts>, ids = customIds) =>
  result.findings
    .filter((f) => ids.includes(f.ruleId))
    .map((f) => ({ rule: f.ruleId, resource: f.resource, line: f.line, message: f.message }));

describe('custom rules in CEL', () => {
  const result = scanWith(fixture('policy.yaml'), { 'workloads.yaml': fixture('workloads.yaml') });

  it('fires where the rules say, and nowhere else', () => {
    expect(custom(result)).toEqual([
      {
        rule: 'deployment-team-label',
        resource: 'Deployment/shop/batch',
        line: 13,
        message: 'Deployments carry a team label; add metadata.labels.team',
      },
      {
        rule: 'replicas-within-limit',
        resource: 'Deployment/shop/batch',
        line: 13,
        message: 'replicas 12 exceed the limit of 10',
      },
      {
        rule: 'no-host-path',
        resource: 'DaemonSet/monitoring/log-agent',
        line: 24,
        message: 'hostPath volume varlog outside kube-system; use a PersistentVolumeClaim',
      },
    ]);
  });

  it('gives custom findings the contract shape: severity from the rule, no aliases', () => {
    const hostPath = result.findings.find((f) => f.ruleId === 'no-host-path');
    expect(hostPath).toMatchObject({ severity: 'high', aliases: [], file: 'workloads.yaml' });
    expect(hostPath?.fingerprint).toMatch(/\w+/);
    expect(result.rules.map((r) => r.id)).toEqual(expect.arrayContaining(customIds));
  });

  it('is exempted like a built-in rule: annotation and central file', () => {
    const annotated = fixture('workloads.yaml').replace(
      '  name: log-agent\n',
      '  name: log-agent\n  annotations:\n    steward.dev/exempt: rule=no-host-path reason="reads node logs" expires=2027-01-01\n',
    );
    const exempted = scanWith(fixture('policy.yaml'), { 'workloads.yaml': annotated });
    expect(custom(exempted, ['no-host-path'])).toEqual([]);
    expect(exempted.exemptions.map((e) => e.exemption.rules)).toContainEqual(['no-host-path']);

    const central = fixture('policy.yaml').replace(
      'spec:\n',
      'spec:\n  exemptions:\n    - { rule: replicas-within-limit, resource: Deployment/shop/batch, reason: "nightly burst" }\n',
    );
    const centrally = scanWith(central, { 'workloads.yaml': fixture('workloads.yaml') });
    expect(custom(centrally, ['replicas-within-limit'])).toEqual([]);
  });

  it('can be switched off by id like any rule', () => {
    const off = fixture('policy.yaml').replace('spec:\n', 'spec:\n  rules: { deployment-team-label: off }\n');
    const { problems } = policyOf(off);
    expect(problems).toEqual([]);
  });
});

describe('an expression that fails on one resource', () => {
  const policy = `apiVersion: steward.dev/v1
kind: GuardrailsPolicy
spec:
  customRules:
    - id: images-from-ghcr
      message: images come from ghcr.io
      match: { resourceRules: [{ apiGroups: [apps], apiVersions: [v1], resources: [deployments] }] }
      validations:
        - expression: object.spec.template.spec.containers.all(c, c.image.startsWith('ghcr.io/'))
`;
  it('is a finding naming the resource and the error; the other resources are still judged', () => {
    const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: { name: half-written, namespace: shop }
spec: { replicas: 1 }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: docker-hub, namespace: shop }
spec:
  template:
    spec:
      containers: [{ name: web, image: "nginx:1.27" }]
`;
    const found = custom(scanWith(policy, { 'd.yaml': manifests }), ['images-from-ghcr']);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ resource: 'Deployment/shop/half-written', line: 1 });
    expect(found[0]?.message).toMatch(
      /images-from-ghcr: validations\[0\] could not be evaluated on Deployment\/shop\/half-written: No such key: template/,
    );
    expect(found[1]).toEqual({
      rule: 'images-from-ghcr',
      resource: 'Deployment/shop/docker-hub',
      line: 6,
      message: 'images come from ghcr.io',
    });
  });
});

describe('a policy whose CEL does not compile', () => {
  it('is refused at the expression, with the column inside it', () => {
    const text = `apiVersion: steward.dev/v1
kind: GuardrailsPolicy
spec:
  customRules:
    - id: broken
      message: broken
      validations:
        - expression: "object.spec.replicas <= params.max &&"
`;
    // The value's quote is at column 23 of line 8; the expression's end (offset 37) is 1 + 37 further.
    expect(policyOf(text).problems).toEqual([
      {
        file: 'policy.yaml',
        line: 8,
        column: 61,
        message:
          'customRules[0].validations[0].expression does not compile: Unexpected token: EOF (column 38 of the expression)',
      },
    ]);
  });

  it('points into a block scalar by line and indentation', () => {
    const text = `apiVersion: steward.dev/v1
kind: GuardrailsPolicy
spec:
  customRules:
    - id: broken
      message: broken
      validations:
        - expression: |
            has(object.spec) &&
              obj.spec.replicas > 1
`;
    // \`obj\` is unknown: line 10, after 14 spaces of indentation.
    const [problem] = policyOf(text).problems;
    expect(problem).toMatchObject({ line: 10, column: 15 });
    expect(problem?.message).toContain('Unknown variable: obj');
  });

  it('refuses unknown severities, ids taken by built-in rules and missing validations', () => {
    const text = `apiVersion: steward.dev/v1
kind: GuardrailsPolicy
spec:
  customRules:
    - { id: k8s-privileged, message: m, validations: [{ expression: "true" }] }
    - { id: fine, severity: urgent, message: m, validations: [{ expression: "true" }] }
    - { id: empty, message: m }
`;
    expect(policyOf(text).problems.map((p) => [p.line, p.message])).toEqual([
      [5, 'customRules[0].id k8s-privileged is already a rule; choose another id'],
      [6, 'customRules[1].severity must be one of info, low, medium, high, critical'],
      [7, 'customRules[2] has no validations (validations: [{ expression: "…" }])'],
    ]);
  });
});

describe('a hostile expression', () => {
  const many = Array.from({ length: 200 }, (_, i) => `{ name: c${i}, image: "ghcr.io/acme/x:1" }`).join(', ');
  const manifest = `apiVersion: v1
kind: Pod
metadata: { name: wide, namespace: shop }
spec:
  containers: [${many}]
`;
  const policyWith = (expression: string) => `apiVersion: steward.dev/v1
kind: GuardrailsPolicy
spec:
  customRules:
    - id: slow
      message: slow
      validations:
        - expression: "${expression}"
`;

  it('stops at its budget of list reads (200³ reads would take minutes) and says so', () => {
    const c = 'object.spec.containers';
    const expression = `${c}.all(a, ${c}.all(b, ${c}.all(x, a.name != '' && b.name != '' && x.name != '')))`;
    const found = custom(scanWith(policyWith(expression), { 'pod.yaml': manifest }), ['slow']);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('read more list elements than its budget allows');
  });

  it('cannot nest loops four deep', () => {
    const expression = '[1].all(a, [1].all(b, [1].all(c, [1].all(d, true))))';
    const [problem] = policyOf(policyWith(expression)).problems;
    expect(problem?.message).toContain('nest more than 3 deep');
    expect(problem?.line).toBe(8);
  });
});

describe('matches() in a rule', () => {
  const policyWith = (expression: string) => `apiVersion: steward.dev/v1
kind: GuardrailsPolicy
spec:
  customRules:
    - id: name-pattern
      message: names are lowercase words
      validations:
        - expression: "${expression}"
`;
  const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata: { name: "${name}", namespace: shop }
spec: { containers: [{ name: c, image: "ghcr.io/acme/x:1" }] }
`;

  it('matches as RE2 does, in linear time even for a pattern that backtracks catastrophically in V8', () => {
    // (a+)+$ against 40 a's and a ! takes V8 minutes; RE2 answers at once: no match.
    const result = scanWith(policyWith("object.metadata.name.matches('^(a+)+$')"), {
      'pods.yaml': `${pod(`${'a'.repeat(40)}!`)}---\n${pod('aaaa')}`,
    });
    expect(custom(result, ['name-pattern']).map((f) => [f.resource, f.message])).toEqual([
      [`Pod/shop/${'a'.repeat(40)}!`, 'names are lowercase words'],
    ]);
  });

  it('refuses a pattern RE2 cannot read (a backreference), at the pattern', () => {
    const [problem] = policyOf(policyWith("object.metadata.name.matches('(a)\\\\\\\\1')")).problems;
    expect(problem?.message).toMatch(
      /^customRules\[0\]\.validations\[0\]\.expression does not compile: matches: /,
    );
    expect(problem?.message).toContain('(column 30 of the expression)');
  });
});

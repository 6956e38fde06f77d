// `steward guardrails export-vap` as a user runs it: the manifests' structure checked field by field
// against the admissionregistration.k8s.io/v1 shapes, and a round trip: the exported expressions,
// evaluated with cel-js against the same objects and the exported params, give the scan's verdicts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Environment } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const binary = resolve(import.meta.dirname, '../../../bin/steward.js');
const testData = resolve(import.meta.dirname, 'engine/cel/test-data');

function steward(args: string[]) {
  const result = spawnSync(process.execPath, [binary, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML, its shape is what the test checks.
type Obj = Record<string, any>;

const docsOf = (text: string): Obj[] =>
  parseAllDocuments(text, { intAsBigInt: true }).map((d) => d.toJS() as Obj);

describe('steward guardrails export-vap', () => {
  const exported = steward(['guardrails', 'export-vap', '--policy', join(testData, 'policy.yaml')]);
  const docs = docsOf(exported.stdout);
  const byKind = (kind: string) => docs.filter((d) => d.kind === kind);

  it('writes a params CRD and object, then a policy and a binding per rule', () => {
    expect(exported.code).toBe(0);
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'CustomResourceDefinition/guardrailsparams.steward.dev',
      'GuardrailsParams/steward-guardrails',
      'ValidatingAdmissionPolicy/steward-deployment-team-label',
      'ValidatingAdmissionPolicyBinding/steward-deployment-team-label',
      'ValidatingAdmissionPolicy/steward-no-host-path',
      'ValidatingAdmissionPolicyBinding/steward-no-host-path',
      'ValidatingAdmissionPolicy/steward-replicas-within-limit',
      'ValidatingAdmissionPolicyBinding/steward-replicas-within-limit',
    ]);
    expect(byKind('GuardrailsParams')[0]).toMatchObject({ apiVersion: 'steward.dev/v1', maxReplicas: 10n });
    expect(byKind('CustomResourceDefinition')[0]?.spec).toMatchObject({
      group: 'steward.dev',
      scope: 'Cluster',
      names: { kind: 'GuardrailsParams', plural: 'guardrailsparams' },
    });
  });

  it('shapes each policy as admissionregistration.k8s.io/v1 does', () => {
    const [team, hostPath, replicas] = byKind('ValidatingAdmissionPolicy') as [Obj, Obj, Obj];
    for (const p of [team, hostPath, replicas]) expect(p.apiVersion).toBe('admissionregistration.k8s.io/v1');
    expect(team.spec).toEqual({
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: ['apps'],
            apiVersions: ['v1'],
            resources: ['deployments'],
            operations: ['CREATE', 'UPDATE'],
          },
        ],
      },
      validations: [
        {
          expression: "has(object.metadata.labels) && 'team' in object.metadata.labels",
          message: 'Deployments carry a team label; add metadata.labels.team',
        },
      ],
    });
    expect(hostPath.spec.paramKind).toBeUndefined();
    expect(hostPath.spec.matchConstraints.namespaceSelector).toEqual({
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }],
    });
    expect(hostPath.spec.variables).toEqual([
      { name: 'pod', expression: "object.kind == 'Pod' ? object.spec : object.spec.template.spec" },
    ]);
    expect(hostPath.spec.validations[0].messageExpression).toContain("'hostPath volume '");
    expect(replicas.spec.paramKind).toEqual({ apiVersion: 'steward.dev/v1', kind: 'GuardrailsParams' });
    expect(replicas.spec.matchConditions).toEqual([
      { name: 'has-replicas', expression: 'has(object.spec.replicas)' },
    ]);
    expect(replicas.spec.validations[0].reason).toBe('Invalid');
  });

  it('binds each policy with the chosen action, and params only where they are read', () => {
    const warn = docsOf(
      steward(['guardrails', 'export-vap', '--policy', join(testData, 'policy.yaml'), '--action', 'Warn'])
        .stdout,
    );
    const bindings = warn.filter((d) => d.kind === 'ValidatingAdmissionPolicyBinding');
    expect(bindings.map((b) => b.spec)).toEqual([
      { policyName: 'steward-deployment-team-label', validationActions: ['Warn'] },
      { policyName: 'steward-no-host-path', validationActions: ['Warn'] },
      {
        policyName: 'steward-replicas-within-limit',
        validationActions: ['Warn'],
        paramRef: { name: 'steward-guardrails', parameterNotFoundAction: 'Deny' },
      },
    ]);
  });

  it('gives the same verdicts as the scan when the exported expressions run on the same objects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-vap-'));
    const manifests = join(dir, 'workloads.yaml');
    writeFileSync(manifests, readFileSync(join(testData, 'workloads.yaml')));
    const scan = steward(['scan', manifests, '--policy', join(testData, 'policy.yaml'), '--format', 'json']);
    const scanned = new Set<string>(
      (JSON.parse(scan.stdout).findings as Obj[]).map((f) => `${f.ruleId} ${f.resource}`),
    );
    const env = new Environment();
    for (const name of ['object', 'oldObject', 'params', 'variables', 'request'])
      env.registerVariable(name, 'dyn');
    const params = byKind('GuardrailsParams')[0];
    const fromCluster = new Set<string>();
    for (const object of docsOf(readFileSync(manifests, 'utf8'))) {
      for (const policy of byKind('ValidatingAdmissionPolicy')) {
        if (!admits(policy, object)) continue;
        const context: Obj = { object, oldObject: null, params: policy.spec.paramKind ? params : null };
        const variables: Obj = {};
        context.variables = variables;
        if (
          !(policy.spec.matchConditions ?? []).every((c: Obj) => env.evaluate(c.expression, context) === true)
        )
          continue;
        for (const v of policy.spec.variables ?? []) variables[v.name] = env.evaluate(v.expression, context);
        const fails = policy.spec.validations.some((v: Obj) => env.evaluate(v.expression, context) !== true);
        const namespace = object.metadata.namespace;
        if (fails)
          fromCluster.add(
            `${policy.metadata.annotations['steward.dev/rule']} ${object.kind}/${namespace}/${object.metadata.name}`,
          );
      }
    }
    const custom = [...scanned].filter((s) =>
      /^(deployment-team-label|no-host-path|replicas-within-limit) /.test(s),
    );
    expect(fromCluster.size).toBe(3);
    expect([...fromCluster].sort()).toEqual(custom.sort());
  });

  it('refuses a policy whose CEL does not compile, positioned, with exit 2, as steward scan does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-vap-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      `apiVersion: steward.dev/v1
kind: GuardrailsPolicy
spec:
  customRules:
    - id: broken
      message: broken
      validations:
        - expression: object.spec.replicas >
`,
    );
    const manifest = join(dir, 'pod.yaml');
    writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [] }\n');
    for (const args of [
      ['guardrails', 'export-vap', '--policy', file],
      ['scan', manifest, '--policy', file],
    ]) {
      const result = steward(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      // The plain scalar starts at column 23 of line 8; the expression ends at offset 22.
      expect(result.stderr).toContain(
        `${file}:8:45: customRules[0].validations[0].expression does not compile`,
      );
      expect(result.stderr).toContain('(column 23 of the expression)');
    }
  });
});

/** The test's own reading of matchConstraints: group/version/resource, then the namespace selector by name. */
function admits(policy: Obj, object: Obj): boolean {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  const plural = `${object.kind.toLowerCase()}s`;
  const rules = policy.spec.matchConstraints.resourceRules as Obj[];
  const ruleOk = rules.some(
    (r) => r.apiGroups.includes(group) && r.apiVersions.includes(version) && r.resources.includes(plural),
  );
  const selector = policy.spec.matchConstraints.namespaceSelector as Obj | undefined;
  const namespaceOk = (selector?.matchExpressions ?? []).every(
    (e: Obj) => e.operator !== 'NotIn' || !e.values.includes(object.metadata.namespace),
  );
  return ruleOk && namespaceOk;
}

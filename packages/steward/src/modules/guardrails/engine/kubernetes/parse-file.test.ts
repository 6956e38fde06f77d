// Reading YAML files for the scanner: positioned errors for a broken document while the file's other
// documents are still checked, `List` items as resources, names for cluster-wide and namespaced kinds,
// and YAML outside the fast parser's subset (anchors) read all the same.
import { describe, expect, it } from 'vitest';
import { scanTexts } from './manifests.test-support.ts';

const pod = (name: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n${extra}`;

describe('reading manifests', () => {
  it("a broken document is a positioned problem; the file's good documents are still checked", () => {
    const text = `${pod('first', '      securityContext:\n        privileged: true\n')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [broken\n`;
    const result = scanTexts({ 'pods.yaml': text }, { ruleToggles: {} });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      file: 'pods.yaml',
      line: expect.any(Number),
      message: expect.stringContaining('not valid YAML'),
    });
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(11);
    expect(
      result.findings.some((f) => f.ruleId === 'k8s-privileged' && f.resource === 'Pod/default/first'),
    ).toBe(true);
    expect(result.filesRead).toBe(1);
  });

  it('a file of nothing but broken YAML is not read at all', () => {
    const result = scanTexts({ 'bad.yaml': 'kind: [Pod\n' });
    expect(result.filesRead).toBe(0);
    expect(result.problems[0]?.file).toBe('bad.yaml');
  });

  it('a List holds resources; cluster-wide kinds are Kind/name, namespaced ones default to default', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - ${pod('in-list').split('\n').join('\n    ').trimEnd()}\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRole\n    metadata:\n      name: all\n    rules:\n      - verbs: ["*"]\n        resources: ["pods"]\n`;
    const result = scanTexts({ 'list.yaml': list });
    expect(result.subjects.map((s) => s.id)).toEqual(['Pod/default/in-list', 'ClusterRole/all']);
    expect(result.findings.find((f) => f.ruleId === 'k8s-rbac-wildcard')?.resource).toBe('ClusterRole/all');
  });

  it('anchors and aliases (outside the fast subset) are read through the yaml package, positions kept', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: anchored\nspec:\n  containers:\n    - name: a\n      image: app:1.0\n      securityContext: &sc\n        privileged: true\n    - name: b\n      image: app:1.0\n      securityContext: *sc\n`;
    const privileged = scanTexts({ 'pod.yaml': text }).findings.filter((f) => f.ruleId === 'k8s-privileged');
    expect(privileged.map((f) => [f.container?.name, f.line])).toEqual([
      ['a', 10],
      ['b', expect.any(Number)],
    ]);
  });

  it('files that are not Kubernetes YAML (a catalog entity, a values file) give no findings', () => {
    const values = 'replicaCount: 2\nimage:\n  repository: nginx\n  tag: latest\n';
    const entity =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\nspec:\n  type: service\n  owner: team-a\n  lifecycle: production\n';
    expect(scanTexts({ 'values.yaml': values, 'catalog-info.yaml': entity }).findings).toEqual([]);
  });
});

// Checks that need several files: each manifest in its own file, scanned together, as a chart's
// templates are; a namespace never matches another.
import { describe, expect, it } from 'vitest';
import {
  companions,
  hardenedDeployment as good,
  mutate,
  ruleIds,
  scanTexts,
} from './manifests.test-support.ts';

const documents = companions.split('---\n').filter((d) => d.trim() !== '');
const [service, networkPolicy, pdb] = documents as [string, string, string];

describe('cross-file checks', () => {
  it('each companion in its own file covers the Deployment', () => {
    expect(
      ruleIds({ 'deploy.yaml': good, 'svc.yaml': service, 'np.yaml': networkPolicy, 'pdb.yaml': pdb }),
    ).toEqual([]);
  });

  it('pods no NetworkPolicy selects; a policy in another namespace does not count', () => {
    expect(ruleIds({ 'deploy.yaml': good, 'svc.yaml': service, 'pdb.yaml': pdb })).toEqual([
      'k8s-network-policy',
    ]);
    const elsewhere = mutate(networkPolicy, 'namespace: shop', 'namespace: payments');
    expect(
      ruleIds({ 'deploy.yaml': good, 'svc.yaml': service, 'np.yaml': elsewhere, 'pdb.yaml': pdb }),
    ).toEqual(['k8s-network-policy']);
  });

  it('a default-deny policy with an empty podSelector covers every pod of its namespace', () => {
    const denyAll =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';
    expect(
      ruleIds({ 'deploy.yaml': good, 'svc.yaml': service, 'np.yaml': denyAll, 'pdb.yaml': pdb }),
    ).toEqual([]);
  });

  it('matchExpressions select as Kubernetes does', () => {
    const byExpression = mutate(
      networkPolicy,
      '    matchLabels:\n      app.kubernetes.io/name: checkout\n',
      '    matchExpressions:\n      - { key: app.kubernetes.io/name, operator: In, values: [checkout, cart] }\n',
    );
    expect(
      ruleIds({ 'deploy.yaml': good, 'svc.yaml': service, 'np.yaml': byExpression, 'pdb.yaml': pdb }),
    ).toEqual([]);
    const notIn = mutate(byExpression, 'operator: In', 'operator: NotIn');
    expect(ruleIds({ 'deploy.yaml': good, 'svc.yaml': service, 'np.yaml': notIn, 'pdb.yaml': pdb })).toEqual([
      'k8s-network-policy',
    ]);
  });

  it("a Service whose selector matches no pods, pointing at the selector's line", () => {
    const typo = mutate(
      service,
      '    app.kubernetes.io/name: checkout\n',
      '    app.kubernetes.io/name: chekout\n',
    );
    const result = scanTexts({
      'deploy.yaml': good,
      'svc.yaml': typo,
      'np.yaml': networkPolicy,
      'pdb.yaml': pdb,
    });
    expect(result.findings.map((f) => [f.ruleId, f.resource, f.file, f.line])).toEqual([
      [
        'k8s-service-selector',
        'Service/shop/checkout',
        'svc.yaml',
        typo.split('\n').indexOf('  selector:') + 1,
      ],
    ]);
    expect(result.findings[0]?.aliases).toEqual(['kube-score:service-targets-pod']);
  });

  it('an Ingress whose backend Service is missing; v1 and v1beta1 backends', () => {
    const ingress = (backend: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  rules:\n    - host: shop.acme.example\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n${backend}`;
    const v1 = (name: string) =>
      ingress(
        `              service:\n                name: ${name}\n                port:\n                  number: 80\n`,
      );
    const files = { 'deploy.yaml': good, 'svc.yaml': service, 'np.yaml': networkPolicy, 'pdb.yaml': pdb };
    expect(ruleIds({ ...files, 'ing.yaml': v1('checkout') })).toEqual([]);
    // Line 15: the backend's `name: chekout`.
    const missing = scanTexts({ ...files, 'ing.yaml': v1('chekout') }).findings;
    expect(missing.map((f) => [f.ruleId, f.resource, f.line])).toEqual([
      ['k8s-ingress-backend', 'Ingress/shop/shop', 15],
    ]);
    const beta = ingress('              serviceName: gone\n              servicePort: 80\n');
    expect(ruleIds({ ...files, 'ing.yaml': beta })).toEqual(['k8s-ingress-backend']);
  });

  it('a missing PodDisruptionBudget only for more than one replica, counting an autoscaler', () => {
    expect(ruleIds({ 'deploy.yaml': good, 'svc.yaml': service, 'np.yaml': networkPolicy })).toEqual([
      'k8s-pod-disruption-budget',
    ]);
    const single = mutate(good, 'replicas: 2', 'replicas: 1');
    expect(ruleIds({ 'deploy.yaml': single, 'svc.yaml': service, 'np.yaml': networkPolicy })).toEqual([]);
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: checkout\n  namespace: shop\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: checkout\n  minReplicas: 3\n  maxReplicas: 10\n';
    const found = scanTexts({
      'deploy.yaml': single,
      'svc.yaml': service,
      'np.yaml': networkPolicy,
      'hpa.yaml': hpa,
    }).findings;
    expect(found.map((f) => f.ruleId)).toEqual(['k8s-pod-disruption-budget']);
    expect(found[0]?.aliases).toEqual([
      'kube-score:deployment-has-poddisruptionbudget',
      'polaris:missingPodDisruptionBudget',
    ]);
  });
});

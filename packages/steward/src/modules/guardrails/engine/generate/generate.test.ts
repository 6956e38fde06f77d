// Team guardrails from a small hand-made catalog, every expected object worked out by hand from the
// catalog below and the documented tier table (docs/guardrails.md).
import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../../../catalog/index.ts';
import { generateGuardrails } from './generate.ts';
import type { GenerateOptions, KubernetesObject } from './model.ts';
import { defaultSizes } from './sizes.ts';

const shop = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [], members: [alice] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: storefront
  annotations: { steward.dev/namespaces: "shop-edge" }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: lonely }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: org }
spec: { type: organization, children: [payments, storefront, lonely] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { profile: { email: alice@shop.example }, memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { memberOf: [payments] }
---
apiVersion: steward.dev/v1
kind: Service
metadata: { name: checkout }
spec:
  lifecycle: production
  tier: 2
  owners: [{ ref: group:payments, role: primary }]
  selectors: { kubernetes: { namespace: pay, labels: { app: checkout } } }
  dependsOn: [component:ledger, resource:cards-vault]
  consumesApis: [api:cart-api]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  annotations: { backstage.io/kubernetes-namespace: pay, steward.dev/tier: "1" }
spec: { type: service, lifecycle: production, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: cards-vault }
spec: { type: vault, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
  annotations:
    backstage.io/kubernetes-namespace: shop
    backstage.io/kubernetes-label-selector: "app=cart,tier in (api)"
    steward.dev/tier: "3"
spec: { type: service, lifecycle: production, owner: storefront, providesApis: [cart-api] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: cart-api }
spec: { type: openapi, lifecycle: production, owner: storefront, definition: "openapi: 3.1.0" }
`;

function entitiesOf(content: string) {
  const result = validateCatalog([{ file: 'catalog.yaml', content }]);
  expect(result.errors).toEqual([]);
  return result.entities;
}

const options: GenerateOptions = {
  sizes: { ...defaultSizes, defaultTier: 4 },
  memberRole: 'edit',
  teams: [],
};

const meta = (name: string, namespace: string, team: string, annotations?: Record<string, string>) => ({
  name,
  namespace,
  labels: { 'app.kubernetes.io/managed-by': 'steward', 'steward.dev/team': team },
  ...(annotations ? { annotations } : {}),
});

const inNamespace = (namespace: string) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
});

const ids = (objects: KubernetesObject[]) =>
  objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);

describe('generateGuardrails', () => {
  const generated = generateGuardrails(entitiesOf(shop), options);
  const team = (name: string) => generated.teams.find((t) => t.name === name);
  const object = (namespace: string, name: string) =>
    generated.teams
      .flatMap((t) => t.objects)
      .find((o) => o.metadata.namespace === namespace && o.metadata.name === name);

  it('finds the teams with namespaces, each namespace at its most critical tier, or the default', () => {
    expect(generated.teams.map((t) => t.ref)).toEqual(['group:default/payments', 'group:default/storefront']);
    expect(team('payments')?.namespaces).toEqual([
      { name: 'pay', tier: 1, tierFrom: 'component:default/ledger' },
    ]);
    expect(team('storefront')?.namespaces).toEqual([
      { name: 'shop', tier: 3, tierFrom: 'component:default/cart' },
      { name: 'shop-edge', tier: 4, tierFrom: 'the default tier' },
    ]);
  });

  it('writes each namespace in a stable order: quota, limits, deny, DNS, egress, ingress, members', () => {
    expect(ids(team('payments')?.objects ?? [])).toEqual([
      'ResourceQuota/pay/steward-quota',
      'LimitRange/pay/steward-limits',
      'NetworkPolicy/pay/steward-deny-all',
      'NetworkPolicy/pay/steward-allow-dns',
      'NetworkPolicy/pay/steward-egress-checkout',
      'NetworkPolicy/pay/steward-ingress-ledger',
      'RoleBinding/pay/steward-members',
    ]);
    expect(ids(team('storefront')?.objects ?? [])).toEqual([
      'ResourceQuota/shop/steward-quota',
      'LimitRange/shop/steward-limits',
      'NetworkPolicy/shop/steward-deny-all',
      'NetworkPolicy/shop/steward-allow-dns',
      'NetworkPolicy/shop/steward-ingress-cart',
      'ResourceQuota/shop-edge/steward-quota',
      'LimitRange/shop-edge/steward-limits',
      'NetworkPolicy/shop-edge/steward-deny-all',
      'NetworkPolicy/shop-edge/steward-allow-dns',
    ]);
  });

  it('sizes the quota and container limits by tier (tier 1 in pay, tier 4 in shop-edge)', () => {
    const tier1 = { 'steward.dev/tier': '1', 'steward.dev/tier-from': 'component:default/ledger' };
    expect(object('pay', 'steward-quota')).toEqual({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta('steward-quota', 'pay', 'payments', tier1),
      spec: {
        hard: {
          'requests.cpu': '32',
          'requests.memory': '64Gi',
          'limits.cpu': '64',
          'limits.memory': '128Gi',
          pods: '200',
          persistentvolumeclaims: '20',
        },
      },
    });
    expect(object('pay', 'steward-limits')).toEqual({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: meta('steward-limits', 'pay', 'payments', tier1),
      spec: {
        limits: [
          {
            type: 'Container',
            default: { cpu: '1', memory: '1Gi' },
            defaultRequest: { cpu: '250m', memory: '256Mi' },
            max: { cpu: '8', memory: '16Gi' },
          },
        ],
      },
    });
    expect(object('shop-edge', 'steward-quota')?.spec).toEqual({
      hard: {
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        'limits.cpu': '8',
        'limits.memory': '16Gi',
        pods: '25',
        persistentvolumeclaims: '2',
      },
    });
    expect(object('shop-edge', 'steward-limits')?.spec).toEqual({
      limits: [
        {
          type: 'Container',
          default: { cpu: '500m', memory: '512Mi' },
          defaultRequest: { cpu: '100m', memory: '128Mi' },
          max: { cpu: '1', memory: '2Gi' },
        },
      ],
    });
  });

  it('denies all traffic in each namespace, then allows DNS to kube-system on 53 UDP and TCP', () => {
    expect(object('shop', 'steward-deny-all')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('steward-deny-all', 'shop', 'storefront'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    expect(object('shop', 'steward-allow-dns')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('steward-allow-dns', 'shop', 'storefront'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [inNamespace('kube-system')],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    });
  });

  it("allows each dependency on both sides: egress beside the consumer, ingress beside the provider (an API's provider too)", () => {
    const checkoutPods = { matchLabels: { app: 'checkout' } };
    const cartPods = {
      matchLabels: { app: 'cart' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['api'] }],
    };
    const ledgerPods = { matchLabels: { 'backstage.io/kubernetes-id': 'ledger' } };
    expect(object('pay', 'steward-egress-checkout')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('steward-egress-checkout', 'pay', 'payments', {
        'steward.dev/allows': 'component:default/cart, component:default/ledger',
      }),
      spec: {
        podSelector: checkoutPods,
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { ...inNamespace('pay'), podSelector: ledgerPods },
              { ...inNamespace('shop'), podSelector: cartPods },
            ],
          },
        ],
      },
    });
    expect(object('shop', 'steward-ingress-cart')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('steward-ingress-cart', 'shop', 'storefront', {
        'steward.dev/allows': 'service:default/checkout',
      }),
      spec: {
        podSelector: cartPods,
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ ...inNamespace('pay'), podSelector: checkoutPods }] }],
      },
    });
    expect(object('pay', 'steward-ingress-ledger')?.spec).toEqual({
      podSelector: ledgerPods,
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ...inNamespace('pay'), podSelector: checkoutPods }] }],
    });
  });

  it("binds the team's members (spec.members and memberOf), by email else name, to the ClusterRole", () => {
    expect(object('pay', 'steward-members')).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('steward-members', 'pay', 'payments'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice@shop.example' },
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' },
      ],
    });
    const admin = generateGuardrails(entitiesOf(shop), { ...options, memberRole: 'admin' });
    const binding = admin.teams[0]?.objects.find((o) => o.kind === 'RoleBinding');
    expect(binding?.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'admin',
    });
  });

  it('reports what it left out: a team with no namespace, one with no members, a dependency with no namespace', () => {
    expect(generated.notices.map((n) => n.team)).toEqual(
      expect.arrayContaining(['group:default/lonely', 'group:default/storefront', 'group:default/payments']),
    );
    const messages = generated.notices.map((n) => n.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^group:default\/lonely has no namespace, so nothing is generated for it: add backstage.io\/kubernetes-namespace/,
      ),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^group:default\/storefront has no members .*: no RoleBinding is generated$/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^resource:default\/cards-vault has no namespace, so the default deny keeps service:default\/checkout from reaching it/,
      ),
    );
    expect(messages.some((m) => m.includes('group:default/org'))).toBe(false);
    expect(generated.notices).toHaveLength(3);
  });

  it('--team: only the teams asked for, and only their notices', () => {
    const one = generateGuardrails(entitiesOf(shop), { ...options, teams: ['group:default/storefront'] });
    expect(one.teams.map((t) => t.name)).toEqual(['storefront']);
    expect(one.notices.map((n) => n.team)).toEqual(['group:default/storefront']);
  });
});

describe('a namespace two teams claim', () => {
  const twoTeams = (annotation: string) => `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: red${annotation} }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: blue }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: r, annotations: { backstage.io/kubernetes-namespace: shared } }
spec: { type: service, lifecycle: production, owner: red }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: b, annotations: { backstage.io/kubernetes-namespace: shared } }
spec: { type: service, lifecycle: production, owner: blue, dependsOn: [component:r] }
`;

  it('is generated for neither, and both are told why', () => {
    const generated = generateGuardrails(entitiesOf(twoTeams('')), options);
    expect(generated.teams).toEqual([]);
    const disputes = generated.notices.filter((n) => n.message.startsWith('namespace shared'));
    expect(disputes.map((n) => n.team)).toEqual(['group:default/blue', 'group:default/red']);
    expect(disputes[0]?.message).toBe(
      'namespace shared is not generated: group:default/blue and group:default/red each own what runs there; name it in the steward.dev/namespaces annotation of one Group only',
    );
  });

  it("belongs to the team whose Group names it, with both teams' allowances there", () => {
    const named = twoTeams(', annotations: { steward.dev/namespaces: shared }');
    const generated = generateGuardrails(entitiesOf(named), options);
    expect(generated.teams.map((t) => [t.name, t.namespaces.map((n) => n.name)])).toEqual([
      ['red', ['shared']],
    ]);
    expect(generated.teams[0]?.objects.map((o) => o.metadata.name)).toEqual([
      'steward-quota',
      'steward-limits',
      'steward-deny-all',
      'steward-allow-dns',
      'steward-egress-b',
      'steward-ingress-r',
    ]);
    expect(generated.notices).toEqual([
      {
        team: 'group:default/blue',
        message:
          "namespace shared, where what group:default/blue owns runs, is group:default/red's (named in its steward.dev/namespaces): its guardrails are generated with group:default/red's",
      },
      {
        team: 'group:default/red',
        message:
          'group:default/red has no members (spec.members of the Group, or spec.memberOf of its Users): no RoleBinding is generated',
      },
    ]);
  });
});

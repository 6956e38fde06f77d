// The Kubernetes objects of one namespace, as plain data: quota and container limits from the tier,
// a default deny with DNS allowed, the dependency allowances, and the members' RoleBinding.
import type { CatalogEntity } from '../../../catalog/index.ts';
import { type Allowance, peerOf } from './allowances.ts';
import { type KubernetesObject, labels, type TeamNamespace, type TierSize } from './model.ts';

export interface NamespaceInput {
  team: string;
  namespace: TeamNamespace;
  size: TierSize;
  allowances: readonly Allowance[];
  members: readonly string[];
  memberRole: string;
}

export function namespaceObjects(input: NamespaceInput): KubernetesObject[] {
  const { namespace, size } = input;
  const meta = (name: string, annotations?: Record<string, string>) => ({
    name,
    namespace: namespace.name,
    labels: { [labels.managedBy]: 'steward', [labels.team]: input.team },
    ...(annotations ? { annotations } : {}),
  });
  const tierNote = {
    'steward.dev/tier': String(namespace.tier),
    'steward.dev/tier-from': namespace.tierFrom,
  };
  const objects: KubernetesObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta('steward-quota', tierNote),
      spec: { hard: { ...size.quota } },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: meta('steward-limits', tierNote),
      spec: {
        limits: [
          {
            type: 'Container',
            default: { ...size.container.default },
            defaultRequest: { ...size.container.defaultRequest },
            max: { ...size.container.max },
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('steward-deny-all'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('steward-allow-dns'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { [labels.namespaceName]: 'kube-system' } } }],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
  ];
  const names = new Set<string>();
  for (const direction of ['egress', 'ingress'] as const) {
    const sides = input.allowances
      .filter((a) => a.direction === direction)
      .sort((a, b) => compare(objectName(a.entity), objectName(b.entity)) || compare(key(a.at), key(b.at)));
    for (const side of sides) {
      let name = `steward-${direction}-${objectName(side.entity)}`;
      for (let n = 2; names.has(name); n++) name = `steward-${direction}-${objectName(side.entity)}-${n}`;
      names.add(name);
      objects.push(allowancePolicy(side, meta(name, { 'steward.dev/allows': peerRefs(side) })));
    }
  }
  if (input.members.length > 0) {
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('steward-members'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: input.memberRole },
      subjects: input.members.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })),
    });
  }
  return objects;
}

function allowancePolicy(side: Allowance, metadata: KubernetesObject['metadata']): KubernetesObject {
  const peers = uniquePeers(side).map((p) => peerOf(p.at));
  const rule = side.direction === 'egress' ? { egress: [{ to: peers }] } : { ingress: [{ from: peers }] };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata,
    spec: {
      podSelector: side.at.pods,
      policyTypes: [side.direction === 'egress' ? 'Egress' : 'Ingress'],
      ...rule,
    },
  };
}

/** Peers once each (a component both depended on and consumed through its API is one peer), in order. */
function uniquePeers(side: Allowance): Allowance['peers'] {
  const byPlace = new Map<string, Allowance['peers'][number]>();
  for (const peer of side.peers) if (!byPlace.has(key(peer.at))) byPlace.set(key(peer.at), peer);
  return [...byPlace.entries()].sort(([a], [b]) => compare(a, b)).map(([, p]) => p);
}

function peerRefs(side: Allowance): string {
  return [...new Set(side.peers.map((p) => p.entity))].sort().join(', ');
}

const key = (at: Allowance['at']) => at.key;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An entity's name as a Kubernetes object name part: lower case, `_` as `-`, its catalog namespace if not default. */
export function objectName(entity: Pick<CatalogEntity, 'namespace' | 'name'>): string {
  const name = entity.namespace === 'default' ? entity.name : `${entity.namespace}-${entity.name}`;
  return name.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
}

// What guardrails generation works with: a team and the namespaces it holds, the sizes each tier
// gets, the Kubernetes objects written for it, and the notices about what could not be generated.

/** A criticality tier: 1 is the most critical, 4 the least. */
export type Tier = 1 | 2 | 3 | 4;

export const tiers: readonly Tier[] = [1, 2, 3, 4];

/** CPU and memory as Kubernetes quantities (`250m`, `1Gi`). */
export interface ComputeSize {
  cpu: string;
  memory: string;
}

export interface TierSize {
  /** ResourceQuota `spec.hard`: resource name → quantity. */
  quota: Record<string, string>;
  /** LimitRange for each container: what it gets when it says nothing, and the most it may ask. */
  container: { defaultRequest: ComputeSize; default: ComputeSize; max: ComputeSize };
}

export interface Sizes {
  /** The tier of a namespace when nothing in it, nor its Group, says one. */
  defaultTier: Tier;
  tiers: Record<Tier, TierSize>;
}

/** A label selector as Kubernetes writes it in a NetworkPolicy. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}

/** Where an entity runs: a namespace and the labels of its pods (`{}` is every pod there). */
export interface Placement {
  namespace: string;
  pods: LabelSelector;
  /** Namespace and selector as one string, to compare and sort placements by. */
  key: string;
}

/** A Kubernetes object as generated: plain data, serialised as YAML by the caller. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** Something generation left out, and what would put it in. */
export interface Notice {
  /** The team it concerns (`group:default/payments`), or null for the catalog as a whole. */
  team: string | null;
  message: string;
}

export interface TeamNamespace {
  name: string;
  tier: Tier;
  /** Where the tier came from: the Group's annotation, an entity in the namespace, or the default. */
  tierFrom: string;
}

export interface TeamGuardrails {
  /** `group:default/payments` */
  ref: string;
  /** The Group's name: the `steward.dev/team` label and the file name. */
  name: string;
  namespaces: TeamNamespace[];
  /** RoleBinding subjects: members' emails, else their names. */
  members: string[];
  objects: KubernetesObject[];
}

export interface GenerateOptions {
  sizes: Sizes;
  /** The ClusterRole members are bound to in each namespace (default `edit`). */
  memberRole: string;
  /** Only these teams (refs); all teams when empty. */
  teams: readonly string[];
}

export interface Generated {
  teams: TeamGuardrails[];
  notices: Notice[];
}

export const labels = {
  managedBy: 'app.kubernetes.io/managed-by',
  team: 'steward.dev/team',
  namespaceName: 'kubernetes.io/metadata.name',
} as const;

export const catalogAnnotations = {
  /** On a Group: the namespaces it holds besides those of what it owns (`a,b`). */
  namespaces: 'steward.dev/namespaces',
  /** On a Group: the tier of all its namespaces; on an entity: its own tier. */
  tier: 'steward.dev/tier',
} as const;

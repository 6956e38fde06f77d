// What a rule is, for every kind of file and for custom CEL rules alike: its id, severity, how to fix
// it, and the same check's ids in the peers' tools.

export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

/** The tools whose check ids a rule carries, so users can bring their skip lists along. */
export const peers = ['kube-score', 'polaris', 'checkov', 'trivy', 'hadolint'] as const;
export type Peer = (typeof peers)[number];

export interface Rule {
  /** Steward's id, e.g. `k8s-privileged`. */
  id: string;
  severity: Severity;
  /** One line: what is wrong. */
  title: string;
  /** How to fix it, in a sentence or two a tired engineer can act on. */
  fix: string;
  /** False for disputed checks users turn on themselves (pull policy Always). */
  enabledByDefault: boolean;
  /** The same check in other tools, written `peer:id` (`checkov:CKV_K8S_16`). */
  aliases: string[];
}

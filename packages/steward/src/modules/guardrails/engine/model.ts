import type { CelPolicy } from './cel/model.ts';
import type { Peer, Rule, Severity } from './rule.ts';

// The scanner's vocabulary, the same for every kind of file: rules, findings, exemptions, and the
// analyser a kind of file plugs in (Kubernetes YAML, Dockerfiles, Terraform).

export { type Peer, peers, type Rule, type Severity, severities } from './rule.ts';

/** A 1-based place in a file. */
export interface Position {
  line: number;
  column: number;
}

/** What an analyser reports; the scan adds the fingerprint, exemptions and owner. */
export interface RawFinding extends Position {
  ruleId: string;
  /** What is wrong here and how to fix it (never quoting a secret). */
  message: string;
  file: string;
  /** `Kind/namespace/name` (or `Kind/name` when cluster-wide), null when the finding is about no resource. */
  resource: string | null;
  /** The container the finding is about, if any: exemptions can be narrowed to it. */
  container?: { name: string; image: string | null };
  /** Narrower aliases than the rule's, when only some peers flag this case (SYS_ADMIN vs NET_ADMIN). */
  aliases?: string[];
  /** Stable within the resource across edits that move lines: the path of the offending field. */
  anchor: string;
}

export interface Finding extends RawFinding {
  severity: Severity;
  aliases: string[];
  /** Stable across line moves: rule + file + resource + anchor, hashed. */
  fingerprint: string;
  /** Set when an exemption had covered this finding and has expired. */
  expiredExemption?: Exemption;
  /** Set on the findings a live exemption covers (`ScanResult.exempted`): which one. */
  exemptedBy?: Exemption;
  /** Set when an exemption written for this finding was refused by the central file: which, and why. */
  refusedExemption?: { exemption: Exemption; why: string };
}

/** Where an exemption was written, and in whose syntax. */
export type ExemptionSyntax =
  | 'steward-annotation'
  | 'steward-comment'
  | 'central'
  | 'kube-score'
  | 'polaris'
  | 'checkov'
  | 'trivy'
  | 'hadolint';

/**
 * One model for every exemption. Peers' syntaxes carry no expiry or approver; a central policy may
 * refuse those (`allowPeerExemptions: false`).
 */
export interface Exemption {
  /** Steward rule ids this exemption covers (a peer's id may cover several). */
  rules: string[];
  /** As written: `k8s-privileged`, `CKV_K8S_16`, `container-resources`, `*`. */
  written: string;
  reason: string | null;
  /** YYYY-MM-DD, the last day the exemption holds; null: no expiry. */
  expires: string | null;
  approver: string | null;
  /** Narrow to containers with this name / whose image starts with this (a trailing `*` is implied). */
  container: string | null;
  image: string | null;
  syntax: ExemptionSyntax;
  file: string;
  line: number;
  /** The resource the exemption sits on; null for a central exemption (it matches `resourceMatch`). */
  resource: string | null;
}

/** A central exemption names where it applies; a finding matches when every given field does. */
export interface CentralExemption extends Omit<Exemption, 'syntax' | 'file' | 'line' | 'resource'> {
  /** `Kind/namespace/name`, with `*` for any part (e.g. `Deployment/payments/*`). */
  resourceMatch: string | null;
  /** A path prefix of the scanned file. */
  path: string | null;
  file: string;
  line: number;
}

/**
 * What the central file forbids exemptions written in the manifests (annotations, comments, in any
 * syntax) to exempt: an annotation cannot widen it. Central exemptions are not bound by it: the
 * central file is where such an exemption is granted.
 */
export interface ForbiddenExemption {
  /** Steward rule ids; `*` for every rule. */
  rules: string[];
  /** Only for resources in these namespaces; null: anywhere. */
  namespaces: string[] | null;
  /** True: forbid only written exemptions without an expiry (the peers' syntaxes have none). */
  withoutExpiry: boolean;
  /** Why, quoted when an exemption is refused. */
  reason: string | null;
  file: string;
  line: number;
}

/** A file the scan was given: its path as the user named it and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** A resource the scan saw, so owners can be found for its findings outside the engine. */
export interface Subject {
  /** As findings name it: `Deployment/shop/web`. */
  id: string;
  file: string;
  kind: string;
  namespace: string | null;
  name: string;
  /** Its labels, with its pods' labels beneath them. */
  labels: Record<string, string>;
  /** The team the resource names as its owner itself (Terraform `tags.owner`), as written. */
  owner?: string;
}

/** A file that could not be read or parsed; the rest of the scan goes on. */
export interface FileProblem extends Position {
  file: string;
  message: string;
}

export interface ScanConfig {
  /** Rules switched on or off against their default. */
  ruleToggles: Record<string, boolean>;
  /** Registries images may come from (`ghcr.io/acme`, `registry.acme.example`); empty: no check. */
  allowedRegistries: string[];
  exemptions: CentralExemption[];
  /** False: exemptions written in peers' syntaxes are not honoured. */
  allowPeerExemptions: boolean;
  /** Exemptions written in the manifests that the central file refuses, whatever they say. */
  forbiddenExemptions: ForbiddenExemption[];
  /** YYYY-MM-DD, the day an exemption's expiry is judged against. */
  today: string;
  /** Custom rules in CEL and the params they read (from the policy file). */
  cel: CelPolicy;
}

/** What one kind of file contributes to a scan: its files parsed, checked and its exemptions read. */
export interface FileKindAnalyser<Parsed> {
  kind: string;
  rules: Rule[];
  /** Whether this analyser reads the file (by name, or a look at its start). */
  accepts(file: SourceFile): boolean;
  /** Work a parse needs done asynchronously once (loading a WebAssembly parser), before a scan of such files. */
  prepare?(): Promise<void>;
  /** Parse one file; problems stop only that file. */
  parse(file: SourceFile): { parsed: Parsed | null; problems: FileProblem[] };
  /** Check every parsed file of this kind at once, so cross-file checks see all of them. */
  analyse(
    files: Parsed[],
    context: AnalyseContext,
  ): { findings: RawFinding[]; exemptions: Exemption[]; problems: FileProblem[]; subjects: Subject[] };
}

export interface AnalyseContext {
  config: ScanConfig;
  /** Steward rule ids a peer's check id stands for (`checkov:CKV_K8S_16` → [`k8s-privileged`]). */
  rulesForAlias(peer: Peer, id: string): string[];
}

export interface ExemptionUse {
  exemption: Exemption;
  /** The fingerprints of the findings it exempted. */
  findings: string[];
}

export interface ScanResult {
  findings: Finding[];
  /** Every exemption honoured, with the findings it covered. */
  exemptions: ExemptionUse[];
  /** The findings a live exemption covers, each with `exemptedBy`: kept out of `findings`, not lost. */
  exempted: Finding[];
  problems: FileProblem[];
  filesRead: number;
  rules: Rule[];
  subjects: Subject[];
}

// Guardrails: scanning manifests for common mistakes, with each finding's owner, aliases into the
// peers' checks and exemptions. Other modules import only from here. The engine is pure: files in,
// findings out; another kind of file plugs in as one more FileKindAnalyser.
import type { Severity } from './engine/model.ts';
import type { Scanner } from './engine/scan.ts';
import type { ScanUploadAnswer } from './schemas.ts';

export type { Baseline, BaselineEntry } from './engine/baseline.ts';
export { baselineOf, newSince, parseBaseline } from './engine/baseline.ts';
export { exportVap, type ValidationAction } from './engine/cel/export-vap.ts';
export type { CelPolicy, CelRule } from './engine/cel/model.ts';
export type {
  AnalyseContext,
  CentralExemption,
  Exemption,
  ExemptionSyntax,
  ExemptionUse,
  FileKindAnalyser,
  FileProblem,
  Finding,
  Peer,
  RawFinding,
  Rule,
  ScanConfig,
  ScanResult,
  Severity,
  SourceFile,
  Subject,
} from './engine/model.ts';
export { peers, severities } from './engine/model.ts';
export type { OwnedFinding, Report } from './engine/output/report.ts';
export { parsePolicy } from './engine/policy.ts';
export { createScanner, defaultScanConfig, type Scanner } from './engine/scan.ts';
export { scanner } from './engine/scanners.ts';

/** One finding of a target's latest uploaded scan, as other modules (scorecards) count them. */
export interface FindingFact {
  /** The owning Group's entity ref (`group:default/payments`), or null. */
  team: string | null;
  /** The entity the resource or file belongs to (`component:default/orders`), or null. */
  service: string | null;
  ruleId: string;
  severity: Severity;
  /** The repository scanned (`github.com/acme/shop`). */
  target: string;
  /** An exemption covers it today; one whose exemption has expired since the upload is open again. */
  exempted: boolean;
}

export interface GuardrailsService {
  scanner: Scanner;
  /**
   * Open findings from the latest scan of every target, exempted ones included with `exempted: true`.
   * The admission reports are not included: a review with no findings leaves no report, so the
   * newest report of a resource cannot say whether it is still wrong (it may have been fixed or deleted).
   */
  openFindings(): Promise<FindingFact[]>;
  /**
   * Scans files on this server's disk and keeps the result as `target`'s latest scan, as an upload of
   * `steward scan` would (the demo's manifests at start); paths are named relative to `root`.
   */
  keepScanOf(request: {
    root: string;
    paths: string[];
    target: string;
    by: string;
  }): Promise<ScanUploadAnswer>;
}

// Guardrails: scanning manifests for common mistakes, with each finding's owner, aliases into the
// peers' checks and exemptions. Other modules import only from here. The engine is pure: files in,
// findings out; another kind of file plugs in as one more FileKindAnalyser.
import type { Scanner } from './engine/scan.ts';

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

export interface GuardrailsService {
  scanner: Scanner;
}

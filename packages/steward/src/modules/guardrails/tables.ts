// The guardrails module's tables, as Kysely sees them (migrations 0027-guardrails-admission-reports,
// 0028-guardrails-scans).
import type { Generated, Kysely } from 'kysely';
import type { AdmissionMode } from '../../platform/config-admission.ts';
import type { Severity } from './engine/model.ts';

/** A finding as an admission report keeps it: what was wrong, where, and how to fix it. */
export interface ReportedFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  resource: string | null;
  container: string | null;
  aliases: string[];
}

export interface AdmissionReportsTable {
  /** The AdmissionReview's request.uid. */
  uid: string;
  at: Generated<Date>;
  /** The owning team's entity ref; null when nothing in the catalog owns the object. */
  team: string | null;
  namespace: string | null;
  /** `Kind/namespace/name`, as findings name it. */
  resource: string;
  operation: string;
  mode: AdmissionMode;
  allowed: boolean;
  /** Who asked Kubernetes (request.userInfo.username). */
  username: string | null;
  findings: ReportedFinding[];
}

/** The latest scan uploaded for a target (a repository). */
export interface ScansTable {
  target: string;
  uploaded_at: Generated<Date>;
  /** The handle of who uploaded it. */
  uploaded_by: string;
  findings: number;
  exempted: number;
  problems: number;
}

/** An exemption a scan used, or one it found expired; `seq` orders them within the scan. */
export interface ScanExemptionsTable {
  target: string;
  seq: number;
  rules: string[];
  written: string;
  syntax: string | null;
  reason: string | null;
  approver: string | null;
  /** YYYY-MM-DD, the last day it holds; null: no expiry. */
  expires: string | null;
  file: string;
  line: number;
  resource: string | null;
  team: string | null;
  service: string | null;
  /** How many findings it covered (or, expired, would have). */
  findings: number;
}

export interface ScanFindingsTable {
  target: string;
  seq: number;
  rule_id: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  resource: string | null;
  container: string | null;
  fingerprint: string;
  aliases: string[];
  team: string | null;
  service: string | null;
  /** The seq of the exemption covering it; null when none did at upload. */
  exemption: number | null;
  exemption_expires: string | null;
}

export interface GuardrailsTables {
  guardrails_admission_reports: AdmissionReportsTable;
  guardrails_scans: ScansTable;
  guardrails_exemptions: ScanExemptionsTable;
  guardrails_findings: ScanFindingsTable;
}

export type GuardrailsDb = Kysely<GuardrailsTables>;

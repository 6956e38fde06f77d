// The guardrails module's table, as Kysely sees it (migration 0027-guardrails-admission-reports).
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

export interface GuardrailsTables {
  guardrails_admission_reports: AdmissionReportsTable;
}

export type GuardrailsDb = Kysely<GuardrailsTables>;

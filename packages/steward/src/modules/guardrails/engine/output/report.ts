// What the outputs print: the scan's findings with their owners, the exemptions honoured, the files
// that could not be read, and the rules that ran.
import type { ExemptionUse, FileProblem, Finding, Rule, Severity } from '../model.ts';

export interface OwnedFinding extends Finding {
  /** An entity ref (`group:default/payments`), a CODEOWNERS owner, or null when nothing says. */
  owner: string | null;
}

export interface Report {
  findings: OwnedFinding[];
  exemptions: ExemptionUse[];
  /** The findings live exemptions cover (JSON lists them, so an upload keeps them with their exemption). */
  exempted?: OwnedFinding[];
  problems: FileProblem[];
  rules: Rule[];
  filesRead: number;
  /** Findings the baseline already knew, left out of `findings`. */
  baselined: number;
}

export const severityRank: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The finding as the JSON contract spells it: contract fields first, then Steward's extras. */
export function findingJson(f: OwnedFinding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    resource: f.resource,
    owner: f.owner,
    aliases: f.aliases,
    fingerprint: f.fingerprint,
    ...(f.container ? { container: f.container.name } : {}),
    ...(f.expiredExemption
      ? {
          expiredExemption: {
            file: f.expiredExemption.file,
            line: f.expiredExemption.line,
            expires: f.expiredExemption.expires,
            written: f.expiredExemption.written,
            syntax: f.expiredExemption.syntax,
            reason: f.expiredExemption.reason,
            approver: f.expiredExemption.approver,
          },
        }
      : {}),
    ...(f.exemptedBy
      ? { exemptedBy: { file: f.exemptedBy.file, line: f.exemptedBy.line, expires: f.exemptedBy.expires } }
      : {}),
  };
}

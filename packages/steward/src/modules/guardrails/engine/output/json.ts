// `--format json`: `{"findings": [...]}` as the contract says, plus the exemptions honoured, the
// findings they cover (`exempted`, each with `exemptedBy`) and the files that could not be read.
import { findingJson, type Report } from './report.ts';

export function jsonReport(report: Report): string {
  const exemptions = report.exemptions.map(({ exemption: e, findings }) => ({
    rules: e.rules,
    written: e.written,
    syntax: e.syntax,
    reason: e.reason,
    expires: e.expires,
    approver: e.approver,
    container: e.container,
    image: e.image,
    file: e.file,
    line: e.line,
    resource: e.resource,
    findings,
  }));
  const problems = report.problems.map(({ file, line, column, message }) => ({
    file,
    line,
    column,
    message,
  }));
  const body = {
    findings: report.findings.map(findingJson),
    exemptions,
    exempted: (report.exempted ?? []).map(findingJson),
    problems,
    baselined: report.baselined,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

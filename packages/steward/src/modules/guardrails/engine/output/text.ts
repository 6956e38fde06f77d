// `--format text`: findings grouped by owning team, worst first, each saying what, where and how to
// fix it; then what was exempted and what could not be read. Meant to be read at 3 a.m.
import { type OwnedFinding, type Report, severityRank } from './report.ts';

export function textReport(report: Report): string {
  const out: string[] = [];
  const byOwner = new Map<string, OwnedFinding[]>();
  for (const f of report.findings) {
    const owner = f.owner ?? 'no owner (add the resource to the catalog or CODEOWNERS)';
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), f]);
  }
  const owners = [...byOwner].sort(
    ([a, fa], [b, fb]) => worst(fb) - worst(fa) || fb.length - fa.length || (a < b ? -1 : 1),
  );
  for (const [owner, findings] of owners) {
    out.push(`${owner}: ${count(findings.length, 'finding')}`);
    const sorted = [...findings].sort(
      (a, b) =>
        severityRank[b.severity] - severityRank[a.severity] ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line),
    );
    for (const f of sorted) {
      out.push(
        `  ${f.severity.toUpperCase().padEnd(8)} ${f.file}:${f.line}  ${f.resource ?? ''}  [${f.ruleId}]`,
      );
      out.push(`           ${f.message}`);
    }
    out.push('');
  }
  for (const { exemption: e, findings } of report.exemptions) {
    const until = e.expires ? `until ${e.expires}` : 'no expiry';
    const why = e.reason ? `: ${e.reason}` : '';
    out.push(
      `exempted ${count(findings.length, 'finding')} by ${e.syntax} ${e.written} at ${e.file}:${e.line} (${until})${why}`,
    );
  }
  for (const p of report.problems) out.push(`could not check ${p.file}:${p.line}:${p.column}: ${p.message}`);
  out.push(summary(report));
  return `${out.join('\n')}\n`;
}

function worst(findings: OwnedFinding[]): number {
  return Math.max(...findings.map((f) => severityRank[f.severity]));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function summary(report: Report): string {
  const bySeverity = new Map<string, number>();
  for (const f of report.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const parts = ['critical', 'high', 'medium', 'low', 'info'].flatMap((s) =>
    bySeverity.get(s) ? [`${bySeverity.get(s)} ${s}`] : [],
  );
  const detail = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  const extras = [
    report.exemptions.length > 0 ? `${count(report.exemptions.length, 'exemption')} honoured` : '',
    report.baselined > 0 ? `${report.baselined} already in the baseline` : '',
    report.problems.length > 0 ? `${count(report.problems.length, 'problem')} reading files` : '',
  ].filter(Boolean);
  return `${count(report.findings.length, 'finding')}${detail} in ${count(report.filesRead, 'file')}${extras.length ? `; ${extras.join('; ')}` : ''}.`;
}

// `--format junit`: JUnit XML for CI dashboards. One testsuite per rule; one failing testcase per
// rule × resource (a file when no resource), listing each finding; a rule with no findings is one
// passing testcase, so the report shows what was checked.
import type { OwnedFinding, Report } from './report.ts';

export function junitReport(report: Report): string {
  const byRule = new Map<string, Map<string, OwnedFinding[]>>();
  for (const f of report.findings) {
    const cases = byRule.get(f.ruleId) ?? new Map<string, OwnedFinding[]>();
    const key = f.resource ?? f.file;
    cases.set(key, [...(cases.get(key) ?? []), f]);
    byRule.set(f.ruleId, cases);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const rule of report.rules) {
    const cases = byRule.get(rule.id);
    const lines: string[] = [];
    if (!cases) {
      lines.push(`    <testcase classname="${attr(rule.id)}" name="${attr(rule.title)}"/>`);
    } else {
      for (const [subject, found] of cases) {
        const first = found[0] as OwnedFinding;
        const body = found.map((f) => `${f.file}:${f.line}: ${f.message}`).join('\n');
        lines.push(
          `    <testcase classname="${attr(rule.id)}" name="${attr(subject)}" file="${attr(first.file)}">`,
          `      <failure type="${first.severity}" message="${attr(first.message)}">${text(body)}</failure>`,
          '    </testcase>',
        );
      }
    }
    const count = cases ? cases.size : 1;
    const failed = cases ? cases.size : 0;
    tests += count;
    failures += failed;
    suites.push(
      `  <testsuite name="${attr(rule.id)}" tests="${count}" failures="${failed}" errors="0" skipped="0">`,
      ...lines,
      '  </testsuite>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="steward scan" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot carry these at all.
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text(value: string): string {
  return value.replace(notXml, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function attr(value: string): string {
  return text(value).replaceAll('"', '&quot;').replaceAll('\n', '&#10;');
}

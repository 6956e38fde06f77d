// `--format sarif`: SARIF 2.1.0, one run. Rules with their help text in tool.driver.rules; each result
// located by file and line, with owner, aliases and resource in `properties` and the fingerprint in
// `partialFingerprints`, so code-scanning services track a finding across line moves.
import type { Severity } from '../model.ts';
import type { Report } from './report.ts';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

export function sarifReport(report: Report, version: string): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const rules = report.rules.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: `${r.title}. ${r.fix}` },
    help: { text: r.fix, markdown: `**${r.title}**\n\n${r.fix}` },
    defaultConfiguration: { level: levels[r.severity], enabled: r.enabledByDefault },
    properties: { severity: r.severity, aliases: r.aliases, tags: ['security', 'guardrails'] },
  }));
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: levels[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file.replaceAll('\\', '/')) },
          region: { startLine: f.line, startColumn: f.column },
        },
      },
    ],
    partialFingerprints: { 'steward/v1': f.fingerprint },
    properties: { severity: f.severity, owner: f.owner, aliases: f.aliases, resource: f.resource },
  }));
  const invocation = {
    executionSuccessful: true,
    toolExecutionNotifications: report.problems.map((p) => ({
      level: 'error',
      message: { text: p.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(p.file) },
            region: { startLine: p.line, startColumn: p.column },
          },
        },
      ],
    })),
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'steward', version, rules } },
        invocations: [invocation],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

// The scan: every file to the analyser of its kind, each analyser checking all its files at once (so
// cross-file checks see everything), then exemptions applied, in one pure pass.
import { applyExemptions } from './exemptions.ts';
import { fingerprintOf } from './fingerprint.ts';
import type {
  AnalyseContext,
  Exemption,
  FileKindAnalyser,
  FileProblem,
  Finding,
  Peer,
  RawFinding,
  Rule,
  ScanConfig,
  ScanResult,
  SourceFile,
  Subject,
} from './model.ts';

export const defaultScanConfig = (today: string): ScanConfig => ({
  ruleToggles: {},
  allowedRegistries: [],
  exemptions: [],
  allowPeerExemptions: true,
  forbiddenExemptions: [],
  today,
  cel: { rules: [], params: null },
});

export interface Scanner {
  rules: Rule[];
  /** Whether some analyser reads a file of this name (a directory walk keeps only those). */
  accepts(path: string): boolean;
  /** Loads what the analysers of these files need (the HCL parser for .tf files); call before `scan`. */
  prepare(files: { path: string }[]): Promise<void>;
  scan(files: SourceFile[], config: ScanConfig): ScanResult;
}

// biome-ignore lint/suspicious/noExplicitAny: each analyser parses to its own type.
export function createScanner(analysers: FileKindAnalyser<any>[]): Scanner {
  const rules = analysers.flatMap((a) => a.rules);
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const byAlias = new Map<string, string[]>();
  for (const rule of rules) {
    for (const alias of rule.aliases) byAlias.set(alias, [...(byAlias.get(alias) ?? []), rule.id]);
  }
  const rulesForAlias = (peer: Peer, id: string): string[] =>
    id === '*'
      ? rules.filter((r) => r.aliases.some((a) => a.startsWith(`${peer}:`))).map((r) => r.id)
      : (byAlias.get(`${peer}:${id}`) ?? []);

  return {
    rules,
    accepts: (path) => analysers.some((a) => a.accepts({ path, text: '' })),
    async prepare(files) {
      for (const analyser of analysers) {
        if (analyser.prepare && files.some((f) => analyser.accepts({ path: f.path, text: '' }))) {
          await analyser.prepare();
        }
      }
    },
    scan(files, config) {
      const context: AnalyseContext = { config, rulesForAlias };
      const problems: FileProblem[] = [];
      const raw: RawFinding[] = [];
      const written: Exemption[] = [];
      const subjects: Subject[] = [];
      let filesRead = 0;
      for (const analyser of analysers) {
        const parsed = [];
        for (const file of files) {
          if (!analyser.accepts(file)) continue;
          const result = analyser.parse(file);
          problems.push(...result.problems);
          if (result.parsed !== null) {
            parsed.push(result.parsed);
            filesRead++;
          }
        }
        const analysed = analyser.analyse(parsed, context);
        raw.push(...analysed.findings);
        written.push(...analysed.exemptions);
        problems.push(...analysed.problems);
        subjects.push(...analysed.subjects);
      }
      const custom = config.cel.rules.map((r) => r.rule);
      const ruleOf = (id: string) => ruleById.get(id) ?? custom.find((r) => r.id === id);
      const enabled = (id: string) => config.ruleToggles[id] ?? ruleOf(id)?.enabledByDefault ?? false;
      const findings: Finding[] = raw
        .filter((f) => enabled(f.ruleId))
        .map((f) => {
          const rule = ruleOf(f.ruleId) as Rule;
          return {
            ...f,
            severity: rule.severity,
            aliases: f.aliases ?? rule.aliases,
            fingerprint: fingerprintOf(f),
          };
        });
      const applied = applyExemptions(findings, written, config);
      problems.push(...refusalProblems(applied.findings));
      applied.findings.sort(byPlace);
      applied.exempted.sort(byPlace);
      const all = [...rules, ...custom];
      return {
        findings: applied.findings,
        exemptions: applied.uses,
        exempted: applied.exempted,
        problems,
        filesRead,
        rules: all,
        subjects,
      };
    },
  };
}

/** Each refused exemption said once, where it is written, with the central entry that refuses it. */
function refusalProblems(findings: Finding[]): FileProblem[] {
  const seen = new Set<string>();
  const out: FileProblem[] = [];
  for (const f of findings) {
    const refused = f.refusedExemption;
    if (!refused) continue;
    const { exemption, why } = refused;
    const key = `${exemption.file}\u0000${exemption.line}\u0000${f.ruleId}\u0000${why}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      file: exemption.file,
      line: exemption.line,
      column: 1,
      message: `exemption not honoured: ${exemption.written} may not exempt ${f.ruleId} on ${f.resource ?? f.file}: ${why}`,
    });
  }
  return out;
}

function byPlace(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

// `steward scan PATH...`: Kubernetes manifests, Dockerfiles and Terraform checked for
// common mistakes, offline. Findings as text by owner, JSON, SARIF or JUnit; exit 1 when any is at or
// above --fail-on; a baseline so CI fails only on new findings; --upload keeps the scan on a server.
import { readFile, writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { clientFromFlags } from '../../platform/cli/client.ts';
import { CliExit, examples, exitCodes, usageError } from '../../platform/cli/program.ts';
import { loadCatalog } from '../catalog/index.ts';
import { baselineOf, newSince, parseBaseline } from './engine/baseline.ts';
import {
  type FileProblem,
  type Finding,
  type Rule,
  type ScanConfig,
  type Severity,
  type SourceFile,
  type Subject,
  severities,
} from './engine/model.ts';
import { jsonReport } from './engine/output/json.ts';
import { junitReport } from './engine/output/junit.ts';
import { type OwnedFinding, type Report, severityRank } from './engine/output/report.ts';
import { sarifReport } from './engine/output/sarif.ts';
import { textReport } from './engine/output/text.ts';
import { parsePolicy } from './engine/policy.ts';
import { defaultScanConfig } from './engine/scan.ts';
import { scanner } from './engine/scanners.ts';
import { attachOwners, findCodeowners, repositoryRoot } from './owners.ts';
import { ownersFromServer } from './owners-from-server.ts';
import { progressLine } from './progress.ts';
import { type Ignored, listFiles, readIgnoreFile, readSource } from './read-files.ts';
import { rulesTable } from './rules-table.ts';
import { describeUpload, relativeToRoot, uploadScan, uploadTarget } from './scans/upload.ts';

type Format = 'text' | 'json' | 'sarif' | 'junit';

interface ScanFlags {
  format: Format;
  failOn: Severity;
  policy?: string;
  catalog?: string;
  repo?: string;
  server?: string;
  token?: string;
  upload?: boolean;
  target?: string;
  baseline?: string;
  writeBaseline?: string;
  allowRegistry: string[];
  enable: string[];
  disable: string[];
  listRules?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const moreHelp = `
Exemptions (each names the rule and why; ours may expire and name who approved):
  # steward:exempt rule=k8s-host-path reason="node agent" expires=2026-06-30 approver=@sec container=agent
  metadata.annotations: steward.dev/exempt: rule=k8s-privileged reason="GPU driver" expires=2026-06-30
  Peers' own, honoured as exemptions without expiry: kube-score/ignore, polaris.fairwinds.com/<check>-exempt,
  checkov.io/skipN annotations and #checkov:skip= comments, #trivy:ignore:<id>, # hadolint ignore=<id>.

Paths left out: .git, node_modules, vendor, dot-directories, and what the repository's .stewardignore
lists (one glob a line, relative to the repository root, e.g. **/test-data). Files named on the
command line are always read.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad usage, a bad --policy or
--baseline, or no file could be read (files that cannot be parsed are reported and the scan goes on).
`;

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description(
      'Check Kubernetes manifests for common mistakes: privileges, resources, probes, images, network policy, RBAC …',
    )
    .argument('[path...]', 'files or directories to scan (directories are walked for .yaml and .yml files)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'sarif', 'junit'])
        .default('text'),
    )
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this')
        .choices([...severities])
        .default('info'),
    )
    .option(
      '--policy <file>',
      'a GuardrailsPolicy file: rules on/off, allowed registries, central exemptions, custom rules in CEL',
    )
    .option('--catalog <path>', 'catalog file or directory, to name the team owning each finding')
    .option('--server <url>', 'ask this Steward server who owns each finding (instead of --catalog)')
    .option(
      '--repo <dir>',
      'the repository whose CODEOWNERS names owners (default: the one the current directory is in)',
    )
    .option(
      '--upload',
      "also send the scan (all of it, baseline or not) to the server as the repository's latest (--server, --token)",
    )
    .option('--target <repository>', 'with --upload: the repository scanned (default: its origin remote)')
    .option('--token <token>', 'API token for --server/--upload (default: $STEWARD_TOKEN)')
    .option('--baseline <file>', 'report only findings this baseline does not already hold')
    .option('--write-baseline <file>', 'write every current finding to this baseline file, and exit 0')
    .option(
      '--allow-registry <registry>',
      'an image registry allowed (repeatable; with none, registries are not checked)',
      collect,
      [],
    )
    .option('--enable <rule>', 'turn a rule on (repeatable)', collect, [])
    .option('--disable <rule>', 'turn a rule off (repeatable)', collect, [])
    .option('--list-rules', 'print the rules, their severity, default and aliases, and exit')
    .addHelpText(
      'after',
      `${moreHelp}${examples(
        'steward scan deploy/',
        'helm template charts/web > web.yaml && steward scan web.yaml --catalog catalog/ --fail-on high',
        'steward scan k8s/ --format sarif > steward.sarif',
        'steward scan k8s/ --write-baseline .steward-baseline.json   # then, in CI:',
        'steward scan k8s/ --baseline .steward-baseline.json',
        'steward scan k8s/ --upload --server https://steward.acme.example   # in CI, STEWARD_TOKEN set',
        'steward scan --list-rules',
      )}`,
    )
    .action(async (paths: string[], flags: ScanFlags) => {
      if (flags.listRules) {
        process.stdout.write(rulesTable(scanner.rules));
        return;
      }
      if (paths.length === 0) throw usageError('name the files or directories to scan: steward scan deploy/');
      const config = await scanConfig(flags);
      const sources = await readSources(
        paths,
        await readIgnoreFile(repositoryRoot(flags.repo ?? process.cwd())),
      );
      await scanner.prepare(sources.files);
      const result = scanner.scan(sources.files, config);
      const problems = [...sources.problems, ...result.problems];
      for (const p of problems) process.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message}\n`);
      if (result.filesRead === 0) {
        const reason =
          problems.length > 0
            ? 'no file could be read (see above)'
            : `no .yaml or .yml files in ${paths.join(', ')}`;
        throw usageError(`nothing to scan: ${reason}`);
      }
      const owned = await ownersOf([...result.findings, ...result.exempted], result.subjects, flags);
      let findings = owned.slice(0, result.findings.length);
      const exempted = owned.slice(result.findings.length);
      if (flags.upload) {
        // The server keeps every finding: a baseline only quiets this run's output.
        const all = {
          findings,
          exemptions: result.exemptions,
          exempted,
          problems,
          rules: [],
          filesRead: 0,
          baselined: 0,
        };
        await upload(JSON.parse(jsonReport(all)), flags);
      }
      if (flags.writeBaseline) {
        await writeFile(flags.writeBaseline, `${JSON.stringify(baselineOf(findings), null, 2)}\n`);
        process.stderr.write(`steward: wrote ${findings.length} findings to ${flags.writeBaseline}\n`);
        return;
      }
      let baselined = 0;
      if (flags.baseline) {
        const { fresh, known } = newSince(findings, await readBaseline(flags.baseline));
        findings = fresh;
        baselined = known;
      }
      const report: Report = {
        findings,
        exemptions: result.exemptions,
        exempted,
        problems,
        rules: activeRules(result.rules, config),
        filesRead: result.filesRead,
        baselined,
      };
      process.stdout.write(await render(report, flags.format));
      const failing = findings.some((f) => severityRank[f.severity] >= severityRank[flags.failOn]);
      if (failing) throw new CliExit(exitCodes.problems, '');
    });
}

async function upload(report: unknown, flags: ScanFlags): Promise<void> {
  const repoRoot = repositoryRoot(flags.repo ?? process.cwd());
  const target = await uploadTarget(flags.target, repoRoot);
  const client = clientFromFlags({ server: flags.server, token: flags.token });
  const answer = await uploadScan(client, target, relativeToRoot(report, process.cwd(), repoRoot));
  process.stderr.write(describeUpload(answer, client.server));
}

function activeRules(rules: Rule[], config: ScanConfig) {
  return rules.filter((r) => config.ruleToggles[r.id] ?? r.enabledByDefault);
}

async function scanConfig(flags: ScanFlags): Promise<ScanConfig> {
  const config = defaultScanConfig(localDate());
  if (flags.policy) {
    const text = await readFile(flags.policy, 'utf8').catch((error: Error) => {
      throw usageError(`cannot read the policy ${flags.policy}: ${error.message}`);
    });
    const { policy, problems } = parsePolicy(flags.policy, text, scanner.rules);
    if (problems.length > 0) {
      for (const p of problems.slice(1))
        process.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message}\n`);
      const first = problems[0] as FileProblem;
      throw usageError(`${first.file}:${first.line}:${first.column}: ${first.message}`);
    }
    Object.assign(config, policy);
  }
  const known = new Set(scanner.rules.map((r) => r.id));
  for (const [list, on] of [
    [flags.enable, true],
    [flags.disable, false],
  ] as const) {
    for (const id of list) {
      if (!known.has(id)) throw usageError(`no rule ${id}; steward scan --list-rules lists them`);
      config.ruleToggles[id] = on;
    }
  }
  config.allowedRegistries = [...config.allowedRegistries, ...flags.allowRegistry];
  return config;
}

/** Today in the machine's zone: an exemption holds through its `expires` day. */
function localDate(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

async function readSources(
  paths: string[],
  ignored: Ignored,
): Promise<{ files: SourceFile[]; problems: FileProblem[] }> {
  const listed = await listFiles(paths, scanner.accepts, ignored);
  const files: SourceFile[] = [];
  const problems = [...listed.problems];
  const progress = progressLine(process.stderr, 'reading');
  const base = process.cwd();
  for (const [i, path] of listed.paths.entries()) {
    const read = await readSource(path, base);
    if ('text' in read) files.push(read);
    else problems.push(read);
    progress.tick(i + 1, listed.paths.length);
  }
  progress.end();
  return { files, problems };
}

async function ownersOf(findings: Finding[], subjects: Subject[], flags: ScanFlags): Promise<OwnedFinding[]> {
  if (flags.server !== undefined && flags.catalog === undefined) {
    const repoRoot = repositoryRoot(flags.repo ?? process.cwd());
    const client = clientFromFlags({ server: flags.server, token: flags.token });
    return ownersFromServer(findings, subjects, client, repoRoot);
  }
  return attachOwners(findings, subjects, await ownerSources(flags));
}

async function ownerSources(flags: ScanFlags) {
  const repoRoot = repositoryRoot(flags.repo ?? process.cwd());
  const codeowners = await findCodeowners(repoRoot);
  if (!flags.catalog) return { entities: [], codeowners, repoRoot };
  const catalog = await loadCatalog([flags.catalog]).catch((error: Error) => {
    throw usageError(`cannot read the catalog at ${flags.catalog}: ${error.message}`);
  });
  if (catalog.errors.length > 0) {
    process.stderr.write(
      `steward: the catalog at ${flags.catalog} has ${catalog.errors.length} errors (those entities are left out); see steward catalog validate ${flags.catalog}\n`,
    );
  }
  return { entities: catalog.entities, codeowners, repoRoot };
}

async function readBaseline(file: string) {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw usageError(`cannot read the baseline ${file}: ${error.message}`);
  });
  const parsed = parseBaseline(text);
  if (!parsed.ok) throw usageError(`the baseline ${file} is ${parsed.message}`);
  return parsed.baseline;
}

async function render(report: Report, format: Format): Promise<string> {
  if (format === 'json') return jsonReport(report);
  if (format === 'junit') return junitReport(report);
  if (format === 'sarif') return sarifReport(report, await stewardVersion());
  return textReport(report);
}

async function stewardVersion(): Promise<string> {
  const file = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(await readFile(file, 'utf8')) as { version: string }).version;
}

// `steward catalog validate [PATH...] [--format text|json]`: validates catalog files offline.
import { join } from 'node:path';
import type { Command } from 'commander';
import { examples, exitCodes, formatOption } from '../../platform/cli/program.ts';
import { type AttachmentHandler, claimsOf } from './attachments.ts';
import { readCatalogConfig } from './catalog-config.ts';
import { validationJson, validationSummary, validationText } from './engine/report.ts';
import { type LoadProgress, loadCatalog } from './sources/load.ts';
import { checkAttachedOffline } from './sources/offline-attachments.ts';
import { unreadEntityFiles } from './sources/unread-entity-files.ts';

const fileSelection = `
Which files are read (as Backstage reads a repository):
  A PATH that is a file is always read. In a directory (searched recursively, skipping hidden
  directories and node_modules) these hold entities: every catalog-info.yaml (or .yml), steward.yaml,
  any .yaml/.yml under a top-level catalog/ directory, and the files your configuration's
  files.include globs name (less files.exclude). Other YAML (mkdocs.yml, CI workflows, Helm charts,
  examples in docs) is not read, nor is what a Template fetches (its steps' input.url: ./skeleton).
  Location entities (type file or url) are followed: targets relative to their file, globs too
  (./plugins/*/catalog-info.yaml, ./teams/**/*.yaml), each file read once however often it is named;
  a target that is a URL to elsewhere is reported as a warning, not fetched.
  $text, $json and $yaml placeholders are replaced by the file's text or parsed content (an API's
  definition: {$text: ./openapi.yaml}); a missing file is an error at the placeholder.
  Targets and placeholders may not point outside the PATH: no file is read that resolves outside
  it, and a symbolic link leading out is reported, never followed.
  SLO specs are checked too: the files a service names with steward.dev/slo-spec, and YAML files in
  the PATH that declare version: prometheus/v1 (Sloth) or apiVersion: openslo/v1 (such a file is a
  spec, never read as entities); a spec found this way belongs to the service its service field
  (OpenSLO: spec.service) names, which must be in the catalog read.

Output: one line per problem, file:line:col: error|warning code: message (entity); with --format json,
  {"entities": N, "errors": [...], "warnings": [...]}, N counting the entities read (valid or not) and each
  problem {file, line, column, entity, code, message}. A ref to an entity that is not read is a warning.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or unreadable PATH.
`;

const rulesHelp = `
Rules (--rules FILE), each off unless given, with the severity it reports at:
  rules:
    requiredAnnotations: { severity: error, keys: [github.com/project-slug], kinds: [Component] }
    allowedLifecycles: { severity: warning, values: [experimental, production, deprecated] }
    ownerMustBeGroup: { severity: error }
  kinds:            # kinds of your own, declared as data: a JSON Schema for spec and relation fields
    - { apiVersions: [acme.example/v1], kind: Pipeline, spec: {type: object}, relations: [] }
  files:            # globs relative to the directory read; ** spans directories
    include: [docs/entities/*.yaml, "services/**/*.catalog.yaml"]
    exclude: [legacy/**]
`;

/** `attachments`: what other modules read from a catalog (the SLO specs), checked with it. */
export function registerCatalogCommands(
  program: Command,
  attachments: readonly AttachmentHandler[] = [],
): void {
  const catalog = program
    .command('catalog')
    .description('Work with the catalog: teams, people, services, systems, APIs and resources as code.');

  catalog
    .command('validate')
    .description(
      'Check catalog files (Backstage catalog-info.yaml and Steward kinds) and report file:line:col problems.',
    )
    .argument('[paths...]', 'files or directories to read (default: the current directory)')
    .addOption(formatOption())
    .option('--rules <file>', "your organisation's catalog configuration: rules and kinds of its own (YAML)")
    .addHelpText(
      'after',
      `${fileSelection}${rulesHelp}${examples(
        'steward catalog validate',
        'steward catalog validate catalog-info.yaml',
        'steward catalog validate services/ --rules catalog-rules.yaml',
        'steward catalog validate examples/acme --format json',
      )}`,
    )
    .action(async (paths: string[], flags: { format: 'text' | 'json'; rules?: string }) => {
      const options = flags.rules ? await readCatalogConfig(flags.rules) : {};
      const progress = stderrProgress();
      const read = paths.length > 0 ? paths : ['.'];
      const loaded = await loadCatalog(read, {
        ...options,
        onProgress: progress.update,
        claims: claimsOf(attachments),
      });
      progress.done();
      const attached = await checkAttachedOffline(read, loaded, attachments);
      const result = {
        ...loaded,
        errors: [...loaded.errors, ...attached.filter((p) => p.severity === 'error')],
        warnings: [...loaded.warnings, ...attached.filter((p) => p.severity === 'warning')],
      };
      if (flags.format === 'json') {
        process.stdout.write(`${validationJson(result)}\n`);
      } else {
        for (const line of validationText(result)) process.stdout.write(`${line}\n`);
        process.stderr.write(`${validationSummary(result, result.files)}\n`);
      }
      if (result.files === 0) await hintWhenNothingRead(paths.length > 0 ? paths : ['.']);
      process.exitCode = result.errors.length > 0 ? exitCodes.problems : exitCodes.ok;
    });
}

/** "0 entities" alone would puzzle: say what is read, and name YAML here that looks like entities. */
async function hintWhenNothingRead(paths: string[]): Promise<void> {
  const lines = [
    'no catalog files found: Steward reads catalog-info.yaml, steward.yaml, YAML under catalog/,',
  ];
  lines.push('what Locations name, and files.include globs (see --help)');
  for (const path of paths) {
    const looking = await unreadEntityFiles(path).catch(() => []);
    if (looking.length === 0) continue;
    lines.push(`these files in ${path} declare a catalog apiVersion but are not read:`);
    for (const file of looking) lines.push(`  ${file}`);
    lines.push(
      `name them (steward catalog validate ${join(path, looking[0] ?? '')}), point a Location at them, or add them to files.include`,
    );
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}

/**
 * A progress line on a terminal, redrawn at most ten times a second; elsewhere (CI logs) a plain line
 * every ten seconds, so a short run prints nothing and a long one shows it is alive.
 */
function stderrProgress() {
  const tty = process.stderr.isTTY === true;
  let last = Date.now();
  let shown = false;
  return {
    update: (progress: LoadProgress) => {
      const now = Date.now();
      if (now - last < (tty ? 100 : 10_000)) return;
      last = now;
      const text = `reading the catalog: ${progress.files} files, ${progress.entities} entities`;
      if (!tty) {
        process.stderr.write(`${text}\n`);
        return;
      }
      shown = true;
      process.stderr.write(`\r\x1b[K${text}`);
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

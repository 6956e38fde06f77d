// `steward catalog validate [PATH...] [--format text|json]`: validates catalog files offline.
import type { Command } from 'commander';
import { examples, exitCodes, formatOption } from '../../platform/cli/program.ts';
import { readCatalogConfig } from './catalog-config.ts';
import { validationJson, validationSummary, validationText } from './engine/report.ts';
import { type LoadProgress, loadCatalog } from './sources/load.ts';

const fileSelection = `
Which files are read:
  A PATH that is a file is always read. In a directory (searched recursively, skipping hidden
  directories and node_modules) a .yaml or .yml file is read when it is named catalog-info or
  steward, when it is under a directory named catalog, or when it declares a catalog apiVersion
  (backstage.io/..., steward.dev/..., scaffolder.backstage.io/...). Location entities' file targets
  are read too; they, and $text/$json/$yaml placeholders, may not point outside the PATH. No file is
  read that resolves outside the PATH: a symbolic link leading out is reported, never followed.

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
`;

export function registerCatalogCommands(program: Command): void {
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
      const result = await loadCatalog(paths.length > 0 ? paths : ['.'], {
        ...options,
        onProgress: progress.update,
      });
      progress.done();
      if (flags.format === 'json') {
        process.stdout.write(`${validationJson(result)}\n`);
      } else {
        for (const line of validationText(result)) process.stdout.write(`${line}\n`);
        process.stderr.write(`${validationSummary(result, result.files)}\n`);
      }
      process.exitCode = result.errors.length > 0 ? exitCodes.problems : exitCodes.ok;
    });
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

// `steward codeowners match`: who owns each path according to a CODEOWNERS file, offline.
import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import type { CodeownersFlavor } from './codeowners/model.ts';
import { printMatches } from './print-matches.ts';

const maxThreads = 64;

type MatchFlags = { file: string; flavor: CodeownersFlavor; format: 'json' | 'jsonl'; threads?: number };

export function registerOwnershipCommands(program: Command): void {
  const codeowners = program.command('codeowners').description('Read CODEOWNERS files (GitHub and GitLab).');
  codeowners
    .command('match')
    .description(
      'Print who owns each path: the matching line, its pattern and owners. Lines the platform rejects are reported on stderr with their line number; the others still apply.',
    )
    .argument('<path...>', "repository paths; '-' reads newline-separated paths from stdin")
    .requiredOption('--file <file>', 'the CODEOWNERS file to read')
    .addOption(
      new Option('--flavor <flavor>', 'whose rules to apply').choices(['github', 'gitlab']).default('github'),
    )
    .addOption(formatOption(['json', 'jsonl'], 'json'))
    .addOption(
      new Option(
        '--threads <n>',
        'threads a long stdin may use, this one included (default: the idle cores, up to 4)',
      ).argParser(threadCount),
    )
    .addHelpText(
      'after',
      examples(
        'steward codeowners match --file .github/CODEOWNERS src/app.ts docs/index.md',
        'git ls-files | steward codeowners match --file .github/CODEOWNERS --format jsonl -',
        'steward codeowners match --file .gitlab/CODEOWNERS --flavor gitlab ee/app/models/user.rb',
      ),
    )
    .action(async (paths: string[], flags: MatchFlags) => {
      const text = await readCodeowners(flags.file);
      await printMatches(paths, {
        text,
        flavor: flags.flavor,
        format: flags.format,
        ...(flags.threads === undefined ? {} : { threads: flags.threads }),
        problems: (problems) => {
          for (const problem of problems)
            process.stderr.write(`${flags.file}:${problem.line}: ${problem.message}\n`);
        },
      });
    });
}

function threadCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > maxThreads) {
    throw new InvalidArgumentError(
      `It must be a whole number from 1 to ${maxThreads} (1: no worker threads).`,
    );
  }
  return n;
}

async function readCodeowners(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw usageError(`cannot read the CODEOWNERS file ${file}: ${reason}`);
  }
}

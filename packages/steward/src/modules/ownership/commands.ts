// `steward codeowners match`: who owns each path according to a CODEOWNERS file, offline.
import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { compileCodeowners } from './codeowners/match.ts';
import type { CodeownersFlavor } from './codeowners/model.ts';
import { printMatches } from './print-matches.ts';

type MatchFlags = { file: string; flavor: CodeownersFlavor; format: 'json' | 'jsonl' };

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
      const matcher = compileCodeowners(text, flags.flavor);
      for (const problem of matcher.problems) {
        process.stderr.write(`${flags.file}:${problem.line}: ${problem.message}\n`);
      }
      await printMatches(paths, { matcher, text, format: flags.format });
    });
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

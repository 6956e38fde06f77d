// `steward guardrails upload FILE`: a report `steward scan --format json` wrote, sent to the server as
// the repository's latest scan (for CI that scans in one step and uploads in another).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { clientFromFlags } from '../../../platform/cli/client.ts';
import { examples, usageError } from '../../../platform/cli/program.ts';
import { repositoryRoot } from '../owners.ts';
import { describeUpload, relativeToRoot, uploadScan, uploadTarget } from './upload.ts';

interface UploadFlags {
  target?: string;
  repo?: string;
  server?: string;
  token?: string;
}

export function registerUploadCommand(guardrails: Command): void {
  guardrails
    .command('upload')
    .description(
      "Send a scan's JSON report (steward scan --format json) to the server as the repository's latest scan; it replaces the previous one.",
    )
    .argument(
      '<file>',
      'the report, or - for stdin; run this where the scan ran (its paths are relative to there)',
    )
    .option('--target <repository>', 'the repository scanned (default: the origin remote of --repo)')
    .option('--repo <dir>', 'the repository the scan was of (default: the one the current directory is in)')
    .option(
      '--server <url>',
      'Steward server (default $STEWARD_SERVER, the config file, or http://127.0.0.1:7420)',
    )
    .option('--token <token>', 'API token with the write scope (default: $STEWARD_TOKEN)')
    .addHelpText(
      'after',
      examples(
        'steward scan deploy/ --format json > scan.json; steward guardrails upload scan.json',
        'steward scan k8s/ --format json | steward guardrails upload - --target github.com/acme/shop',
      ),
    )
    .action(async (file: string, flags: UploadFlags) => {
      const text = await (file === '-' ? readStdin() : readFile(file, 'utf8')).catch((error: Error) => {
        throw usageError(`cannot read ${file}: ${error.message}`);
      });
      let report: unknown;
      try {
        report = JSON.parse(text);
      } catch (error) {
        throw usageError(
          `${file} is not JSON (${(error as Error).message}); write it with steward scan --format json`,
        );
      }
      const repoRoot = repositoryRoot(flags.repo ?? process.cwd());
      const target = await uploadTarget(flags.target, repoRoot);
      const client = clientFromFlags({ server: flags.server, token: flags.token });
      const answer = await uploadScan(client, target, relativeToRoot(report, process.cwd(), repoRoot));
      process.stderr.write(describeUpload(answer, client.server));
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

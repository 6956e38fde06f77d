// `steward catalog import PATH... [--server URL]`: a local file or directory is uploaded (as the
// engine's finder sees it) under its absolute path; a git URL is cloned by the server. The server
// reads it as a job: the command waits for it, showing progress, and prints a summary (exit 1 when
// the import found errors); with --no-wait it prints the job and returns.
import type { Command } from 'commander';
import { z } from 'zod';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { examples, exitCodes } from '../../platform/cli/program.ts';
import { followJob } from '../../platform/jobs/follow-job.ts';
import { startedJobSchema } from '../../platform/jobs/schemas.ts';
import { type AttachmentHandler, claimsOf } from './attachments.ts';
import {
  type CatalogProblemView,
  catalogSourceSchema,
  type IngestSummaryView,
  ingestSummarySchema,
} from './schemas.ts';
import { collectUpload } from './sources/collect-upload.ts';

export const gitUrl = /^(https?|ssh|git|file):\/\/|^[\w.-]+@[\w.-]+:/;
export const startedSchema = z.object({ job: startedJobSchema, source: catalogSourceSchema });
export type Started = z.infer<typeof startedSchema>;

/** `attachments`: what other modules read from a catalog (the SLO specs), uploaded with it. */
export function registerCatalogImportCommand(
  program: Command,
  attachments: readonly AttachmentHandler[] = [],
): void {
  const catalog = program.commands.find((c) => c.name() === 'catalog') ?? program.command('catalog');
  withServerOption(catalog.command('import'))
    .description('Import catalog files, directories or git repositories into a running Steward.')
    .argument('<paths...>', 'local files or directories (uploaded), or git URLs (cloned by the server)')
    .addHelpText(
      'after',
      `
A local PATH is uploaded as a source named after its absolute path: importing it again replaces
what was imported before (entities no longer there are removed). The files sent are the catalog
files \`steward catalog validate\` would read, the files their Locations and $text/$json/$yaml
placeholders point at, opslevel.yml and cortex.yaml files, CODEOWNERS, and SLO specs (those
steward.dev/slo-spec names and those declaring version: prometheus/v1 or apiVersion: openslo/v1);
a symbolic link leading outside the directory is left out (and named on stderr), never uploaded. A git URL is cloned (or
fetched) by the server. Importing needs an admin token (STEWARD_TOKEN or steward login).
The server reads each source as a background job: the command waits for it and shows its progress;
--no-wait prints the job's id instead (follow it with \`steward jobs show ID\`).

Exit codes: 0 imported without errors, 1 errors found (the rest was imported), 2 bad usage or unreachable server.
${examples(
  'steward catalog import examples/acme',
  'steward catalog import ./services ./teams --server https://steward.acme.example',
  'steward catalog import https://github.com/acme/catalog.git',
)}`,
    )
    .option('--no-wait', 'start the imports and print their job ids, without waiting for them')
    .action(async (paths: string[], flags: { server?: string; wait: boolean }) => {
      const client = clientFromFlags(flags);
      let errors = 0;
      for (const path of paths) {
        const started = gitUrl.test(path)
          ? await importGit(client, path)
          : await importLocal(client, path, attachments);
        if (!flags.wait) {
          process.stdout.write(
            `${started.source.name}: job ${started.job.id} (steward jobs show ${started.job.id})\n`,
          );
          continue;
        }
        const summary = await waitForIngest(client, path, started);
        printSummary(summary);
        errors += summary.errorCount;
      }
      process.exitCode = errors > 0 ? exitCodes.problems : exitCodes.ok;
    });
}

export type Client = ReturnType<typeof clientFromFlags>;

export async function importGit(client: Client, url: string): Promise<Started> {
  process.stderr.write(`${url}: asking ${client.server} to clone and read it…\n`);
  return client.request('POST', '/api/v1/catalog/sources', startedSchema, { kind: 'git', url });
}

/** Waits for the source's ingest job, its progress on stderr (on a terminal), and answers its summary. */
export async function waitForIngest(
  client: Client,
  path: string,
  started: Started,
): Promise<IngestSummaryView> {
  const tty = process.stderr.isTTY === true;
  const job = await followJob(client, started.job, {
    onProgress(progress) {
      const p = progress as { files?: number; entities?: number; written?: number };
      if (tty)
        process.stderr.write(
          `\r\x1b[K${path}: ${p.files ?? 0} files, ${p.entities ?? 0} entities read, ${p.written ?? 0} compared`,
        );
    },
  });
  if (tty) process.stderr.write('\r\x1b[K');
  return ingestSummarySchema.parse(job.result);
}

export async function importLocal(
  client: Client,
  path: string,
  attachments: readonly AttachmentHandler[] = [],
): Promise<Started> {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  const onFile = (count: number) => {
    if (!tty || Date.now() - last < 100) return;
    last = Date.now();
    process.stderr.write(`\r\x1b[Kreading ${path}: ${count} files`);
  };
  const upload = await collectUpload(path, onFile, {
    annotations: attachments.map((h) => h.annotation),
    claims: claimsOf(attachments),
  });
  if (tty) process.stderr.write('\r\x1b[K');
  for (const file of upload.leftOut) {
    process.stderr.write(`${path}: ${file} is a symbolic link leading outside ${path}; it is not uploaded\n`);
  }
  const megabytes = (upload.bytes / 1024 / 1024).toFixed(1);
  process.stderr.write(
    `${path}: uploading ${upload.files.length} files (${megabytes} MiB) to ${client.server}; the server reads them now…\n`,
  );
  return client.request('POST', '/api/v1/catalog/sources', startedSchema, {
    kind: 'upload',
    name: upload.name,
    files: upload.files,
    ...(upload.repository ? { repository: upload.repository } : {}),
  });
}

export function printSummary(summary: IngestSummaryView): void {
  const problem = (p: CatalogProblemView) =>
    `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${p.message}${p.entity ? ` (${p.entity})` : ''}\n`;
  for (const p of [...summary.errors, ...summary.warnings]) process.stdout.write(problem(p));
  const hidden = summary.errorCount + summary.warningCount - summary.errors.length - summary.warnings.length;
  if (hidden > 0)
    process.stdout.write(`… and ${hidden} more: GET /api/v1/catalog/problems?source=${summary.source.id}\n`);
  const seconds = (summary.durationMs / 1000).toFixed(1);
  process.stdout.write(
    `${summary.source.name}: ${summary.added} added, ${summary.updated} updated, ${summary.removed} removed, ${summary.unchanged} unchanged; ` +
      `${summary.errorCount} error${summary.errorCount === 1 ? '' : 's'}, ${summary.warningCount} warning${summary.warningCount === 1 ? '' : 's'} (${summary.files} files, ${seconds} s)\n`,
  );
}

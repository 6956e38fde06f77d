// `steward sources …`: where the catalog is read from. List them; add a directory (uploaded) or a git
// repository (cloned by the server), read one again, remove one. The server does the work as a job:
// these commands wait for it with its progress, as `steward catalog import` does.
import type { Command } from 'commander';
import { z } from 'zod';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRows } from '../../platform/cli/output.ts';
import { examples, exitCodes, formatOption, usageError } from '../../platform/cli/program.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import { followJob } from '../../platform/jobs/follow-job.ts';
import type { AttachmentHandler } from './attachments.ts';
import {
  type Client,
  gitUrl,
  importGit,
  importLocal,
  printSummary,
  type Started,
  startedSchema,
  waitForIngest,
} from './import-command.ts';
import { type CatalogSourceView, catalogSourceSchema } from './schemas.ts';

type Flags = { server?: string; wait: boolean };

const jobNote = `
The server does the work as a background job: the command waits for it and shows its progress;
--no-wait prints the job's id instead (follow it with \`steward jobs show ID\`). Needs an admin token.`;

/** `attachments`: what other modules read from a catalog (the SLO specs), uploaded with a directory. */
export function registerSourceCommands(
  program: Command,
  attachments: readonly AttachmentHandler[] = [],
): void {
  const sources = program
    .command('sources')
    .description('Where the catalog is read from: directories, git repositories, uploads.');
  withServerOption(sources.command('list'))
    .description('List every source with the state of its last read and what it holds.')
    .addOption(formatOption())
    .addHelpText('after', examples('steward sources list', 'steward sources list --format json'))
    .action(async (flags: { server?: string; format: Format }) => {
      const items = await listSources(clientFromFlags(flags));
      printRows(
        items,
        [
          { header: 'id', value: (s) => s.id },
          { header: 'name', value: (s) => s.name },
          { header: 'kind', value: (s) => s.kind },
          { header: 'status', value: (s) => s.status },
          { header: 'entities', value: (s) => s.counts.entities },
          { header: 'errors', value: (s) => s.counts.errors },
          { header: 'warnings', value: (s) => s.counts.warnings },
          { header: 'last read', value: (s) => s.lastIngestedAt ?? 'never' },
        ],
        flags.format,
        { items },
      );
    });
  registerAdd(sources, attachments);
  registerRefreshAndRemove(sources);
}

function registerAdd(sources: Command, attachments: readonly AttachmentHandler[]): void {
  withServerOption(sources.command('add').argument('<path-or-url>', 'a local directory or a git URL'))
    .description(
      'Add a source and read it: a local directory is uploaded, a git URL is cloned by the server.',
    )
    .option('--no-wait', 'start reading it and print the job id, without waiting')
    .addHelpText(
      'after',
      `
A directory is uploaded as a source named after its absolute path (adding it again replaces its
files), the way \`steward catalog import\` does.${jobNote}

Exit codes: 0 read without errors, 1 errors found (the rest was read), 2 bad usage or unreachable server.
${examples(
  'steward sources add ./catalog',
  'steward sources add https://github.com/acme/catalog.git',
  'steward sources add git@github.com:acme/services.git --no-wait',
)}`,
    )
    .action(async (target: string, flags: Flags) => {
      const client = clientFromFlags(flags);
      const started = gitUrl.test(target)
        ? await importGit(client, target)
        : await importLocal(client, target, attachments);
      await readAndReport(client, target, started, flags.wait);
    });
}

function registerRefreshAndRemove(sources: Command): void {
  withServerOption(
    sources.command('refresh').argument('<source>', 'its id or name, from `steward sources list`'),
  )
    .description('Read a source again (a repository is fetched first); only what changed is written.')
    .option('--no-wait', 'start reading it and print the job id, without waiting')
    .addHelpText(
      'after',
      `${jobNote}\n\nExit codes: 0 read without errors, 1 errors found or the read failed, 2 bad usage.\n${examples(
        'steward sources refresh https://github.com/acme/catalog.git',
        'steward sources refresh git-0123456789abcdef',
      )}`,
    )
    .action(async (which: string, flags: Flags) => {
      const client = clientFromFlags(flags);
      const source = await findSource(client, which);
      const url = `/api/v1/catalog/sources/${encodeURIComponent(source.id)}/refresh`;
      process.stderr.write(`${source.name}: asking ${client.server} to read it again…\n`);
      await readAndReport(client, source.name, await client.request('POST', url, startedSchema), flags.wait);
    });
  withServerOption(
    sources.command('remove').argument('<source>', 'its id or name, from `steward sources list`'),
  )
    .description('Remove a source with every entity it declared (and their relations, both ways).')
    .option('--no-wait', 'start removing it and print the job id, without waiting')
    .addHelpText(
      'after',
      `${jobNote}\n${examples('steward sources remove git-0123456789abcdef', 'steward sources remove /srv/old-catalog')}`,
    )
    .action(async (which: string, flags: Flags) => {
      const client = clientFromFlags(flags);
      const source = await findSource(client, which);
      const url = `/api/v1/catalog/sources/${encodeURIComponent(source.id)}`;
      const started = await client.request('DELETE', url, startedSchema);
      if (!flags.wait) return printStarted(started);
      const job = await followJob(client, started.job);
      const { removed } = z.object({ removed: z.number().int() }).parse(job.result);
      process.stdout.write(
        `${source.name}: removed, with its ${removed} entit${removed === 1 ? 'y' : 'ies'}\n`,
      );
    });
}

async function readAndReport(client: Client, label: string, started: Started, wait: boolean): Promise<void> {
  if (!wait) return printStarted(started);
  const summary = await waitForIngest(client, label, started);
  printSummary(summary);
  process.exitCode = summary.errorCount > 0 ? exitCodes.problems : exitCodes.ok;
}

function printStarted(started: Started): void {
  process.stdout.write(
    `${started.source.name}: job ${started.job.id} (steward jobs show ${started.job.id})\n`,
  );
}

async function listSources(client: Client): Promise<CatalogSourceView[]> {
  return (await client.request('GET', '/api/v1/catalog/sources', listOf(catalogSourceSchema))).items;
}

/** A source by its id, else by its name; an unknown or ambiguous name is a usage error saying what to type. */
async function findSource(client: Client, which: string): Promise<CatalogSourceView> {
  const all = await listSources(client);
  const byId = all.find((s) => s.id === which);
  if (byId) return byId;
  const named = all.filter((s) => s.name === which);
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1)
    throw usageError(
      `${named.length} sources are named ${which}; give the id instead (${named.map((s) => s.id).join(', ')})`,
    );
  throw usageError(
    `no source has the id or name ${JSON.stringify(which)}; \`steward sources list\` shows them`,
  );
}

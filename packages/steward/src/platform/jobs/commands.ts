// `steward jobs`: what the server is doing in the background. List and look at jobs, retry a dead
// one, cancel one that has not started, and wait for one (its exit code says how it ended).
import type { Command } from 'commander';
import { type ApiClient, ApiFailure, clientFromFlags, withServerOption } from '../cli/client.ts';
import { type Format, printRecord, printRows } from '../cli/output.ts';
import { examples, exitCodes, formatOption, usageError } from '../cli/program.ts';
import { listOf } from '../http/list-schema.ts';
import { jobOutcome, watchJob } from './follow-job.ts';
import { jobColumns, jobRecord, progressLine } from './job-text.ts';
import { type JobView, jobSchema, jobStateSchema, jobUrl } from './schemas.ts';

interface Flags {
  server?: string;
  format: Format;
}

export function registerJobsCommand(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('Background jobs on the server: list, show, retry, cancel, wait (admins).')
    .addHelpText(
      'after',
      examples(
        'steward jobs list --state dead',
        'steward jobs show 3f2c9a1e-5b7d-4c1e-9f3a-2d8e6b0c4a17',
        'steward jobs wait 3f2c9a1e-5b7d-4c1e-9f3a-2d8e6b0c4a17 --format json',
      ),
    );

  withServerOption(jobs.command('list'))
    .description('List jobs, newest first.')
    .option('--state <state>', `only jobs in this state (${jobStateSchema.options.join(', ')})`)
    .option('--name <name>', 'only jobs with this name, e.g. catalog.source-ingest')
    .option('--limit <n>', 'how many jobs (1-500)', '50')
    .addOption(formatOption())
    .action(async (flags: Flags & { state?: string; name?: string; limit: string }) => {
      const query = new URLSearchParams({ limit: String(limitOf(flags.limit)) });
      if (flags.state !== undefined) query.set('state', stateOf(flags.state));
      if (flags.name !== undefined) query.set('name', flags.name);
      const { items } = await clientFromFlags(flags).request(
        'GET',
        `/api/v1/jobs?${query}`,
        listOf(jobSchema),
      );
      printRows(items, jobColumns, flags.format, { items });
    });

  withServerOption(jobs.command('show'))
    .description('One job: state, attempts, progress, result, last error, who started it, when.')
    .argument('<id>', 'the job id (from `steward jobs list`, or what a command that started it printed)')
    .addOption(formatOption())
    .action(async (id: string, flags: Flags) => {
      const job = await getJob(clientFromFlags(flags), id);
      printRecord(jobRecord(job), flags.format, job);
    });

  withServerOption(jobs.command('retry'))
    .description('Move a dead job back to pending, with a fresh set of attempts.')
    .argument('<id>', 'the id of a dead job (`steward jobs list --state dead`)')
    .addOption(formatOption())
    .action(async (id: string, flags: Flags) => {
      const job = await post(clientFromFlags(flags), id, 'retry');
      report(
        job,
        flags.format,
        `job ${job.id} (${job.name}) is pending again; follow it: steward jobs wait ${job.id}`,
      );
    });

  withServerOption(jobs.command('cancel'))
    .description('Cancel a job that has not started (a running one finishes its attempt).')
    .argument('<id>', 'the id of a pending job (`steward jobs list --state pending`)')
    .addOption(formatOption())
    .action(async (id: string, flags: Flags) => {
      const job = await post(clientFromFlags(flags), id, 'cancel');
      report(job, flags.format, `job ${job.id} (${job.name}) is cancelled`);
    });

  withServerOption(jobs.command('wait'))
    .description('Follow a job until it finishes, showing its progress on stderr.')
    .argument('<id>', 'the job id')
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nExit codes: 0 the job succeeded, 1 it failed or was cancelled, 2 bad usage or unreachable server.\n',
    )
    .action(async (id: string, flags: Flags) => {
      const client = clientFromFlags(flags);
      const job = await getJob(client, id);
      const done = await watchJob(client, job, {
        onProgress: (progress) => process.stderr.write(`${job.name}: ${progressLine(progress)}\n`),
      });
      printRecord(jobRecord(done), flags.format, done);
      if (done.state !== 'succeeded') {
        process.stderr.write(`steward: ${jobOutcome(done)}\n`);
        process.exitCode = exitCodes.problems;
      }
    });
}

async function getJob(client: ApiClient, id: string): Promise<JobView> {
  return withHint(id, () => client.request('GET', jobUrl(checkedId(id)), jobSchema));
}

async function post(client: ApiClient, id: string, action: 'retry' | 'cancel'): Promise<JobView> {
  return withHint(id, () => client.request('POST', `${jobUrl(checkedId(id))}/${action}`, jobSchema));
}

/** A 404 for a job id gets the way to find the right one. */
async function withHint<T>(id: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 404) {
      throw usageError(
        `no job ${id} on this server (finished jobs are pruned after a while); \`steward jobs list\` shows the jobs there are`,
      );
    }
    throw error;
  }
}

function checkedId(id: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.toLowerCase();
  throw usageError(
    `${JSON.stringify(id)} is not a job id: ids look like 3f2c9a1e-…-…, as \`steward jobs list\` shows`,
  );
}

function limitOf(text: string): number {
  const limit = Number(text);
  if (Number.isInteger(limit) && limit >= 1 && limit <= 500) return limit;
  throw usageError(`--limit must be a whole number from 1 to 500 (got ${text})`);
}

function stateOf(text: string): string {
  if (jobStateSchema.safeParse(text).success) return text;
  throw usageError(`--state must be one of ${jobStateSchema.options.join(', ')} (got ${text})`);
}

function report(job: JobView, format: Format, line: string): void {
  if (format === 'json') process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
  else process.stdout.write(`${line}\n`);
}

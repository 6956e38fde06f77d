// `steward incident follow-up …`: add, list (an incident's, or a team's overdue ones) and done.
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { type FollowUp, followUpListSchema, followUpSchema } from './schemas.ts';

type Flags = { server?: string; format: Format };
const path = (id: string, rest = '') => `/api/v1/incidents/${encodeURIComponent(id)}${rest}`;

export function registerFollowUpCommands(incident: Command): void {
  const followUp = incident.command('follow-up').description('Follow-up actions: add, list, done.');
  withServerOption(
    followUp.command('add').argument('<id>', 'the incident id').argument('<title>', 'what to do'),
  )
    .description('Add a follow-up with an owner and a due date.')
    .requiredOption('--owner <ref>', 'user:mia or group:payments')
    .requiredOption('--due <date>', 'YYYY-MM-DD')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward incident follow-up add 7f3a… "Alert on card-processor latency" --owner group:payments --due 2026-12-20',
      ),
    )
    .action(async (id: string, title: string, flags: Flags & { owner: string; due: string }) => {
      const body = { title, owner: flags.owner, due: flags.due };
      printFollowUps(
        [await clientFromFlags(flags).request('POST', path(id, '/follow-ups'), followUpSchema, body)],
        flags.format,
      );
    });
  withServerOption(followUp.command('list').argument('[id]', 'the incident id'))
    .description("An incident's follow-ups, or with --team a team's overdue ones.")
    .option('--team <ref>', "a team's overdue follow-ups")
    .addOption(formatOption())
    .action(async (id: string | undefined, flags: Flags & { team?: string }) => {
      if (!id && !flags.team)
        throw usageError("give an incident id, or --team for a team's overdue follow-ups");
      const url = id
        ? path(id, '/follow-ups')
        : `/api/v1/follow-ups?team=${encodeURIComponent(flags.team as string)}`;
      printFollowUps(
        (await clientFromFlags(flags).request('GET', url, followUpListSchema)).items,
        flags.format,
      );
    });
  withServerOption(
    followUp.command('done').argument('<id>', 'the incident id').argument('<followUpId>', 'the follow-up id'),
  )
    .description('Mark a follow-up done.')
    .addOption(formatOption())
    .action(async (id: string, followUpId: string, flags: Flags) => {
      const url = path(id, `/follow-ups/${encodeURIComponent(followUpId)}`);
      printFollowUps(
        [await clientFromFlags(flags).request('PATCH', url, followUpSchema, { done: true })],
        flags.format,
      );
    });
}

function printFollowUps(items: FollowUp[], format: Format): void {
  printRows(
    items,
    [
      { header: 'id', value: (f) => f.id },
      { header: 'due', value: (f) => (f.overdue ? `${f.due} (overdue)` : f.due) },
      { header: 'done', value: (f) => (f.done ? 'yes' : 'no') },
      { header: 'owner', value: (f) => f.owner },
      { header: 'title', value: (f) => f.title },
    ],
    format,
    { items },
  );
}

// `steward silences list|add|expire` and `steward maintenance add|list|end`, against a server. A
// matcher is written as amtool writes it: service="checkout", severity=~"warn|crit".
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../../platform/cli/client.ts';
import { printRecord, printRows } from '../../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../../platform/cli/program.ts';
import { listOf } from '../../../platform/http/list-schema.ts';
import { endOf, type Flags, stateOf, type TimeFlags } from './command-times.ts';
import { registerMaintenanceCommands } from './maintenance-commands.ts';
import { type SilenceView, silenceSchema } from './schemas.ts';

export function registerSuppressionCommands(program: Command): void {
  const silences = program
    .command('silences')
    .description("Silences: alerts matching Alertmanager's label matchers are recorded, nobody is paged.");
  withServerOption(silences.command('list'))
    .description('List silences, newest first.')
    .option('--state <state>', 'active, pending or expired')
    .addOption(formatOption())
    .addHelpText('after', examples('steward silences list --state active'))
    .action(async (flags: Flags & { state?: string }) => {
      const query = stateOf(flags.state);
      const url = `/api/v1/silences${query ? `?${query}` : ''}`;
      const { items } = await clientFromFlags(flags).request('GET', url, listOf(silenceSchema));
      printRows(items, silenceColumns, flags.format, { items });
    });
  withServerOption(
    silences.command('add').argument('<matcher...>', 'e.g. service="checkout" severity=~"warn|crit"'),
  )
    .description('Silence alerts matching every matcher, for a time or until an alert resolves.')
    .requiredOption('--comment <text>', 'why, for whoever wonders later')
    .option('--duration <duration>', 'how long from the start, e.g. 2h, 30m, 1d')
    .option('--starts-at <time>', 'ISO 8601 (default now)')
    .option('--ends-at <time>', 'ISO 8601')
    .option('--until-resolved [alert]', 'end when this alert resolves (no id: the first alert it silences)')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward silences add service="checkout" severity=~"warn|info" --duration 2h --comment "load test"',
        'steward silences add alertname="DiskFull" --until-resolved 0193… --comment "cleaning up"',
      ),
    )
    .action(
      async (
        matchers: string[],
        flags: Flags & TimeFlags & { comment: string; untilResolved?: string | true },
      ) => {
        const endsAt = endOf(flags);
        if (endsAt === undefined && flags.untilResolved === undefined) {
          throw usageError('say how long: --duration, --ends-at or --until-resolved');
        }
        const body = {
          matchers,
          comment: flags.comment,
          ...(flags.startsAt === undefined ? {} : { startsAt: flags.startsAt }),
          ...(endsAt === undefined ? {} : { endsAt }),
          ...(flags.untilResolved === undefined ? {} : { untilResolved: flags.untilResolved }),
        };
        const silence = await clientFromFlags(flags).request('POST', '/api/v1/silences', silenceSchema, body);
        printRecord(silenceRecord(silence), flags.format, silence);
      },
    );
  withServerOption(silences.command('expire').argument('<id>', 'from `steward silences list`'))
    .description('End a silence now.')
    .addOption(formatOption())
    .action(async (id: string, flags: Flags) => {
      const url = `/api/v1/silences/${encodeURIComponent(id)}`;
      const silence = await clientFromFlags(flags).request('DELETE', url, silenceSchema);
      printRecord(silenceRecord(silence), flags.format, silence);
    });
  registerMaintenanceCommands(program);
}

const silenceColumns = [
  { header: 'id', value: (s: SilenceView) => s.id },
  { header: 'state', value: (s: SilenceView) => s.state },
  { header: 'matchers', value: (s: SilenceView) => s.text },
  { header: 'ends', value: (s: SilenceView) => s.endsAt ?? 'when its alert resolves' },
  { header: 'by', value: (s: SilenceView) => s.createdBy },
  { header: 'comment', value: (s: SilenceView) => s.comment },
];

const silenceRecord = (s: SilenceView) => ({
  id: s.id,
  state: s.state,
  matchers: s.text,
  starts: s.startsAt,
  ends: s.endsAt ?? `when alert ${s.untilResolved?.alertId ?? '(the first it silences)'} resolves`,
  by: s.createdBy,
  comment: s.comment,
});

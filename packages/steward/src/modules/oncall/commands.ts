// `steward oncall …` against a server: who is on call now (or at --at), a schedule's final shifts
// in its zone and UTC, and an override.
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRecord, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import {
  oncallAnswerSchema,
  overrideSchema,
  scheduleShiftsSchema,
  scheduleSummarySchema,
} from './schemas.ts';
import { shiftLines } from './shift-text.ts';

type Flags = { server?: string; format: Format };

export function registerOncallCommands(program: Command): void {
  const oncall = program.command('oncall').description('Who is on call, schedules and overrides.');
  withServerOption(oncall.command('now'))
    .description('Who is on call for a service or a team, by escalation step (neither: every schedule).')
    .option('--service <name>', 'a service name or ref, e.g. checkout-api')
    .option('--team <name>', 'a team name, e.g. payments')
    .option('--at <iso>', 'an ISO 8601 instant instead of now, e.g. 2026-03-29T01:30:00Z')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward oncall now --service checkout-api',
        'steward oncall now --team payments --at 2026-03-29T01:30:00Z --format json',
      ),
    )
    .action(async (flags: Flags & { service?: string; team?: string; at?: string }) => {
      if (flags.service !== undefined && flags.team !== undefined)
        throw usageError('give --service or --team, not both');
      if (flags.at !== undefined && Number.isNaN(Date.parse(flags.at))) {
        throw usageError(`--at ${flags.at} is not an ISO 8601 instant; write e.g. 2026-03-29T01:30:00Z`);
      }
      const client = clientFromFlags(flags);
      if (flags.service === undefined && flags.team === undefined) {
        if (flags.at !== undefined) throw usageError('--at needs --service or --team');
        const { items } = await client.request('GET', '/api/v1/schedules', listOf(scheduleSummarySchema));
        printRows(
          items,
          [
            { header: 'schedule', value: (s) => s.ref },
            { header: 'on call', value: (s) => s.oncallNow?.user },
            { header: 'until', value: (s) => s.oncallNow?.until },
          ],
          flags.format,
          { items },
        );
        return;
      }
      const query = new URLSearchParams();
      if (flags.service !== undefined) query.set('service', flags.service);
      if (flags.team !== undefined) query.set('team', flags.team);
      if (flags.at !== undefined) query.set('at', new Date(flags.at).toISOString());
      const answer = await client.request('GET', `/api/v1/oncall?${query}`, oncallAnswerSchema);
      printRows(
        answer.oncall,
        [
          { header: 'level', value: (e) => e.level },
          { header: 'user', value: (e) => e.user },
          { header: 'schedule', value: (e) => e.schedule },
          { header: 'policy', value: (e) => e.policy },
          { header: 'from', value: (e) => e.from },
          { header: 'until', value: (e) => e.until },
        ],
        flags.format,
        answer,
      );
    });

  withServerOption(oncall.command('schedule').argument('<name>', 'a schedule name, or namespace/name'))
    .description("A schedule's final shifts (overrides applied), in its zone and in UTC.")
    .option('--weeks <n>', 'how many weeks ahead', '2')
    .addOption(formatOption())
    .addHelpText('after', examples('steward oncall schedule payments-primary --weeks 4'))
    .action(async (name: string, flags: Flags & { weeks: string }) => {
      const weeks = Number(flags.weeks);
      if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)
        throw usageError(`--weeks must be a whole number from 1 to 52, got ${flags.weeks}`);
      const from = new Date();
      const until = new Date(from.getTime() + weeks * 7 * 24 * 3600 * 1000);
      const query = new URLSearchParams({ from: from.toISOString(), until: until.toISOString() });
      const shifts = await clientFromFlags(flags).request(
        'GET',
        `${schedulePath(name)}/shifts?${query}`,
        scheduleShiftsSchema,
      );
      if (flags.format === 'json') return void process.stdout.write(`${JSON.stringify(shifts, null, 2)}\n`);
      process.stdout.write(`${shifts.ref} (${shifts.timeZone})\n${shiftLines(shifts).join('\n')}\n`);
    });

  withServerOption(oncall.command('override').argument('<schedule>', 'a schedule name, or namespace/name'))
    .description('Put someone on call in a schedule for a while.')
    .requiredOption('--user <user>', 'who, e.g. alice or user:default/alice')
    .requiredOption('--from <iso>', 'start, ISO 8601 with a zone')
    .requiredOption('--until <iso>', 'end, ISO 8601 with a zone')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward oncall override payments-primary --user bob --from 2026-03-28T18:00:00Z --until 2026-03-29T09:00:00Z',
      ),
    )
    .action(async (schedule: string, flags: Flags & { user: string; from: string; until: string }) => {
      for (const key of ['from', 'until'] as const) {
        if (Number.isNaN(Date.parse(flags[key])))
          throw usageError(
            `--${key} ${flags[key]} is not an ISO 8601 instant; write e.g. 2026-03-28T18:00:00Z`,
          );
      }
      const body = {
        user: flags.user,
        from: new Date(flags.from).toISOString(),
        until: new Date(flags.until).toISOString(),
      };
      const made = await clientFromFlags(flags).request(
        'POST',
        `${schedulePath(schedule)}/overrides`,
        overrideSchema,
        body,
      );
      printRecord(made, flags.format);
    });
}

function schedulePath(name: string): string {
  const [namespace, local] = name.includes('/') ? name.split('/', 2) : ['default', name];
  if (!namespace || !local)
    throw usageError(`${name} is not a schedule name; write payments-primary or default/payments-primary`);
  return `/api/v1/schedules/${encodeURIComponent(namespace)}/${encodeURIComponent(local)}`;
}

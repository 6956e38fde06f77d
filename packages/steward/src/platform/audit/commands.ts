// `steward audit`: who changed what, when, newest first.
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../cli/client.ts';
import { type Format, printRows } from '../cli/output.ts';
import { examples, formatOption, usageError } from '../cli/program.ts';
import { listOf } from '../http/list-schema.ts';
import { auditEntrySchema } from './schemas.ts';

export function registerAuditCommand(program: Command): void {
  withServerOption(program.command('audit'))
    .description('Read the audit log: every change, who made it, and what it was before and after.')
    .option('--actor <handle>', 'only changes made by this user (or system:<what>)')
    .option('--action <action>', 'only this action, e.g. team.update')
    .option('--subject-type <type>', 'only changes to this kind of thing, e.g. team, user, token')
    .option('--subject <id>', 'only changes to this thing, e.g. a team name or a handle')
    .option('--since <time>', 'only entries at or after this time (ISO 8601, e.g. 2026-01-31T09:00:00Z)')
    .option('--until <time>', 'only entries before this time (ISO 8601)')
    .option('--limit <n>', 'how many entries (1-500)', '50')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples('steward audit --limit 20', 'steward audit --actor kelsey-okafor --format json'),
    )
    .action(
      async (flags: {
        server?: string;
        format: Format;
        actor?: string;
        action?: string;
        subjectType?: string;
        subject?: string;
        since?: string;
        until?: string;
        limit: string;
      }) => {
        const limit = Number(flags.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
          throw usageError(`--limit must be a whole number from 1 to 500 (got ${flags.limit})`);
        }
        const query = new URLSearchParams({ limit: String(limit) });
        if (flags.actor) query.set('actor', flags.actor);
        if (flags.action) query.set('action', flags.action);
        if (flags.subjectType) query.set('subjectType', flags.subjectType);
        if (flags.subject) query.set('subjectId', flags.subject);
        if (flags.since) query.set('since', flags.since);
        if (flags.until) query.set('until', flags.until);
        const { items } = await clientFromFlags(flags).request(
          'GET',
          `/api/v1/audit?${query}`,
          listOf(auditEntrySchema),
        );
        printRows(
          items,
          [
            { header: 'at', value: (e) => e.at },
            { header: 'actor', value: (e) => e.actor },
            { header: 'action', value: (e) => e.action },
            { header: 'subject', value: (e) => `${e.subjectType}/${e.subjectId}` },
          ],
          flags.format,
          { items },
        );
      },
    );
}

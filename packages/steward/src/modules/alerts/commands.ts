// `steward alerts …`: list, show, acknowledge and resolve alerts on a server.
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRecord, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { registerNoiseCommand } from './noise-commands.ts';
import { type AlertDetail, alertDetailSchema, alertListSchema, alertStatusSchema } from './schemas.ts';

type Flags = { server?: string; format: Format };
const alertPath = (id: string) => `/api/v1/alerts/${encodeURIComponent(id)}`;

export function registerAlertCommands(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('Alerts: what is firing, who owns it, and its state.')
    .addHelpText('after', '\nReading needs any token; ack and resolve need a token with the write scope.\n');

  withServerOption(alerts.command('list'))
    .description('List alerts, newest first.')
    .option('--status <status>', 'triggered, acknowledged or resolved')
    .option('--service <ref>', 'only alerts about this service (component:checkout or checkout)')
    .option('--team <ref>', 'only alerts routed to this team (group:payments or payments)')
    .option('--limit <n>', 'at most this many', '100')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples('steward alerts list --status triggered', 'steward alerts list --team payments --format json'),
    )
    .action(async (flags: Flags & { status?: string; service?: string; team?: string; limit: string }) => {
      if (flags.status && !alertStatusSchema.safeParse(flags.status).success)
        throw usageError(
          `--status ${JSON.stringify(flags.status)} is not a state; use triggered, acknowledged or resolved`,
        );
      if (!/^\d+$/.test(flags.limit) || Number(flags.limit) < 1 || Number(flags.limit) > 500)
        throw usageError(`--limit ${JSON.stringify(flags.limit)} must be a whole number from 1 to 500`);
      const query = new URLSearchParams({ limit: flags.limit });
      for (const key of ['status', 'service', 'team'] as const)
        if (flags[key]) query.set(key, flags[key] as string);
      const page = await clientFromFlags(flags).request('GET', `/api/v1/alerts?${query}`, alertListSchema);
      printRows(
        page.items,
        [
          { header: 'id', value: (a) => a.id },
          { header: 'status', value: (a) => a.status },
          { header: 'urgency', value: (a) => a.urgency },
          { header: 'service', value: (a) => a.service },
          { header: 'team', value: (a) => (a.unowned ? `${a.team ?? '-'} (unowned)` : a.team) },
          { header: 'summary', value: (a) => a.summary },
        ],
        flags.format,
        page,
      );
    });

  withServerOption(alerts.command('show').argument('<id>', 'the alert id'))
    .description('Show one alert: labels, route hops and timeline.')
    .addOption(formatOption())
    .addHelpText('after', examples('steward alerts show 0b6c…'))
    .action(async (id: string, flags: Flags) => {
      printAlert(await clientFromFlags(flags).request('GET', alertPath(id), alertDetailSchema), flags.format);
    });

  for (const [verb, action, what] of [
    ['ack', 'acknowledge', 'Acknowledge'],
    ['resolve', 'resolve', 'Resolve'],
  ] as const) {
    withServerOption(alerts.command(verb).argument('<id>', 'the alert id'))
      .description(`${what} an alert (doing it again changes nothing).`)
      .addOption(formatOption())
      .addHelpText('after', examples(`steward alerts ${verb} 0b6c…`))
      .action(async (id: string, flags: Flags) => {
        const url = `${alertPath(id)}/${action}`;
        printAlert(await clientFromFlags(flags).request('POST', url, alertDetailSchema), flags.format);
      });
  }
  registerNoiseCommand(alerts);
}

function printAlert(alert: AlertDetail, format: Format): void {
  printRecord(
    {
      id: alert.id,
      status: alert.status,
      summary: alert.summary,
      urgency: alert.urgency,
      service: alert.service,
      team: alert.unowned ? `${alert.team ?? '-'} (unowned)` : alert.team,
      integration: alert.integration,
      labels: Object.entries(alert.labels).map(([k, v]) => `${k}=${v}`),
      route: alert.hops.map((h) => h.text),
      timeline: alert.timeline.map((t) => `${t.at} ${t.text}`),
      escalation: escalationText(alert.escalation),
      notified: alert.deliveries.map((d) => `${d.at} ${d.person} (level ${d.level}): ${d.state}`),
    },
    format,
    alert,
  );
}

function escalationText(escalation: AlertDetail['escalation']): string {
  if (!escalation) return 'not started';
  const at = escalation.level === null ? '' : ` at step ${escalation.level}, run ${escalation.run}`;
  const next = escalation.nextAt ? `, next at ${escalation.nextAt}` : '';
  return `${escalation.state}${escalation.policy ? ` (${escalation.policy})` : ''}${at}${next}`;
}

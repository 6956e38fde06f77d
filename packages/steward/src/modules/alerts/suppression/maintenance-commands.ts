// `steward maintenance add|list|end`: a service's alerts are recorded, nobody is paged, while a window
// is open (its owners and admins open and end them).
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../../platform/cli/client.ts';
import { printRecord, printRows } from '../../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../../platform/cli/program.ts';
import { listOf } from '../../../platform/http/list-schema.ts';
import { endOf, type Flags, stateOf, type TimeFlags } from './command-times.ts';
import { type MaintenanceView, maintenanceSchema } from './schemas.ts';

export function registerMaintenanceCommands(program: Command): void {
  const maintenance = program
    .command('maintenance')
    .description(
      "Maintenance windows: a service's alerts are recorded, nobody is paged (its owners and admins).",
    );
  withServerOption(
    maintenance.command('add').argument('<service>', 'e.g. checkout or component:default/checkout'),
  )
    .description('Open a maintenance window for a service.')
    .requiredOption('--reason <text>', 'what is being done')
    .option('--duration <duration>', 'how long from the start, e.g. 2h, 30m')
    .option('--starts-at <time>', 'ISO 8601 (default now)')
    .option('--ends-at <time>', 'ISO 8601')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples('steward maintenance add checkout --duration 1h --reason "database upgrade"'),
    )
    .action(async (service: string, flags: Flags & TimeFlags & { reason: string }) => {
      const endsAt = endOf(flags);
      if (endsAt === undefined) throw usageError('say how long: --duration or --ends-at');
      const body = {
        service,
        reason: flags.reason,
        endsAt,
        ...(flags.startsAt === undefined ? {} : { startsAt: flags.startsAt }),
      };
      const window = await clientFromFlags(flags).request(
        'POST',
        '/api/v1/maintenance-windows',
        maintenanceSchema,
        body,
      );
      printRecord(maintenanceRecord(window), flags.format, window);
    });
  withServerOption(maintenance.command('list'))
    .description('List maintenance windows, latest start first.')
    .option('--service <service>', 'only this service')
    .option('--state <state>', 'active, pending or expired')
    .addOption(formatOption())
    .action(async (flags: Flags & { service?: string; state?: string }) => {
      const query = [
        stateOf(flags.state),
        flags.service ? `service=${encodeURIComponent(flags.service)}` : '',
      ]
        .filter(Boolean)
        .join('&');
      const url = `/api/v1/maintenance-windows${query ? `?${query}` : ''}`;
      const { items } = await clientFromFlags(flags).request('GET', url, listOf(maintenanceSchema));
      printRows(items, maintenanceColumns, flags.format, { items });
    });
  withServerOption(maintenance.command('end').argument('<id>', 'from `steward maintenance list`'))
    .description('End a maintenance window now.')
    .addOption(formatOption())
    .action(async (id: string, flags: Flags) => {
      const url = `/api/v1/maintenance-windows/${encodeURIComponent(id)}`;
      const window = await clientFromFlags(flags).request('DELETE', url, maintenanceSchema);
      printRecord(maintenanceRecord(window), flags.format, window);
    });
}

const maintenanceColumns = [
  { header: 'id', value: (w: MaintenanceView) => w.id },
  { header: 'state', value: (w: MaintenanceView) => w.state },
  { header: 'service', value: (w: MaintenanceView) => w.service },
  { header: 'starts', value: (w: MaintenanceView) => w.startsAt },
  { header: 'ends', value: (w: MaintenanceView) => w.endsAt },
  { header: 'reason', value: (w: MaintenanceView) => w.reason },
];

const maintenanceRecord = (w: MaintenanceView) => ({
  id: w.id,
  state: w.state,
  service: w.service,
  starts: w.startsAt,
  ends: w.endsAt,
  reason: w.reason,
});

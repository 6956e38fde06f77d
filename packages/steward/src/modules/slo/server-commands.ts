// `steward slo list|show` against a server: the SLOs of a service or team, and one SLO's budget,
// burn rates and (with --rules) the rules Prometheus should run.
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRecord, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { type SloStatus, sloDetailSchema, sloListSchema } from './schemas.ts';

type Flags = { server?: string; format: Format };

export function registerSloServerCommands(slo: Command): void {
  withServerOption(slo.command('list'))
    .description("SLOs attached to the catalog's services, with their owning team.")
    .option('--service <name>', 'a service name or ref, e.g. checkout')
    .option('--team <name>', 'a team name or ref, e.g. payments')
    .addOption(formatOption())
    .addHelpText('after', examples('steward slo list --team payments', 'steward slo list --service checkout'))
    .action(async (flags: Flags & { service?: string; team?: string }) => {
      const query = new URLSearchParams();
      if (flags.service !== undefined) query.set('service', flags.service);
      if (flags.team !== undefined) query.set('team', flags.team);
      const answer = await clientFromFlags(flags).request('GET', `/api/v1/slos?${query}`, sloListSchema);
      printRows(
        answer.items,
        [
          { header: 'id', value: (s) => s.id },
          { header: 'service', value: (s) => s.service },
          { header: 'team', value: (s) => s.team },
          { header: 'objective', value: (s) => `${s.objective}%` },
          { header: 'period', value: (s) => s.period },
        ],
        flags.format,
        answer,
      );
    });

  withServerOption(slo.command('show').argument('<id>', "the SLO's id (<service>-<name>), as slo list shows"))
    .description('One SLO: its error budget left and burn rates from Prometheus; --rules prints its rules.')
    .option('--rules', 'print only the Prometheus rules (for promtool or a rules file)')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward slo show checkout-availability',
        'steward slo show checkout-availability --rules > rules.yaml',
      ),
    )
    .action(async (id: string, flags: Flags & { rules?: boolean }) => {
      if (flags.rules && flags.format === 'json')
        throw usageError('--rules prints YAML; leave out --format json');
      const path = `/api/v1/slos/${encodeURIComponent(id)}`;
      const slo = await clientFromFlags(flags).request('GET', path, sloDetailSchema);
      if (flags.rules) {
        process.stdout.write(slo.rules);
        return;
      }
      printRecord(
        {
          id: slo.id,
          service: slo.service,
          team: slo.team,
          objective: `${slo.objective}% over ${slo.period}`,
          spec: `${slo.file}:${slo.line} (${slo.spec})`,
          status: slo.status.message ? `${slo.status.state}: ${slo.status.message}` : slo.status.state,
          'budget left': percent(slo.status.budgetRemaining),
          'burn rates': burnRates(slo.status),
        },
        flags.format,
        slo,
      );
    });
}

function percent(ratio: number | null): string | null {
  return ratio === null ? null : `${(ratio * 100).toFixed(1)}%`;
}

function burnRates(status: SloStatus): string[] {
  return status.burnRates.map((b) => `${b.window} ${b.rate === null ? '-' : `${b.rate.toFixed(2)}x`}`);
}

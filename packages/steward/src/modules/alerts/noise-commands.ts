// `steward alerts noise --team T [--days 30]`: the team's noisy alerts and what to do about each.
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { noiseAnswerSchema } from './noise-schemas.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function registerNoiseCommand(alerts: Command): void {
  withServerOption(alerts.command('noise'))
    .description("A team's noisy alerts: fired often, resolved by themselves, flapped, paged out of hours.")
    .requiredOption('--team <ref>', 'the team (payments or group:payments)')
    .option('--days <n>', 'how far back, 1 to 90', '30')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples('steward alerts noise --team payments', 'steward alerts noise --team payments --days 7'),
    )
    .action(async (flags: { server?: string; format: Format; team: string; days: string }) => {
      if (!/^\d+$/.test(flags.days) || Number(flags.days) < 1 || Number(flags.days) > 90)
        throw usageError(`--days ${JSON.stringify(flags.days)} must be a whole number from 1 to 90`);
      const query = new URLSearchParams({ team: flags.team, days: flags.days });
      const report = await clientFromFlags(flags).request('GET', `/api/v1/noise?${query}`, noiseAnswerSchema);
      if (flags.format !== 'json') {
        const pages = report.pagesOutsideHours;
        process.stdout.write(
          `${report.team}: ${report.alerts} alerts since ${report.from.slice(0, 10)}; ` +
            `${percent(report.resolvedByItself.share)} resolved by themselves; ` +
            `${pages.count} of ${pages.pages} pages outside working hours\n\n`,
        );
      }
      printRows(
        report.groups,
        [
          { header: 'alert', value: (g) => g.name },
          { header: 'service', value: (g) => g.service },
          { header: 'count', value: (g) => g.count },
          { header: 'by itself', value: (g) => percent(g.resolvedByItself.share) },
          { header: 'flaps', value: (g) => g.flaps },
          { header: 'night pages', value: (g) => g.pagesOutsideHours },
          { header: 'suggestion', value: (g) => g.suggestion ?? '' },
        ],
        flags.format,
        report,
      );
    });
}

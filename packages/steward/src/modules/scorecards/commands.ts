// `steward scorecards list|show` against a server: every scorecard with its levels, and one
// scorecard's entities with the level each holds and its next step.
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption } from '../../platform/cli/program.ts';
import { scorecardDetailSchema, scorecardListSchema } from './schemas.ts';

type Flags = { server?: string; format: Format; team?: string };

export function registerScorecardCommands(program: Command): void {
  const scorecards = program
    .command('scorecards')
    .description(
      'Scorecards: the level each service holds, its score, and the next step for each failing rule.',
    );

  withServerOption(scorecards.command('list'))
    .description('Every scorecard, with how many entities hold each level.')
    .option('--team <name>', "only this team's entities, e.g. payments")
    .addOption(formatOption())
    .addHelpText('after', examples('steward scorecards list', 'steward scorecards list --team payments'))
    .action(async (flags: Flags) => {
      const answer = await clientFromFlags(flags).request(
        'GET',
        `/api/v1/scorecards?${teamQuery(flags)}`,
        scorecardListSchema,
      );
      printRows(
        answer.items,
        [
          { header: 'name', value: (s) => s.name },
          { header: 'entities', value: (s) => String(s.entities) },
          { header: 'average', value: (s) => `${s.averageScore}%` },
          {
            header: 'levels',
            value: (s) => s.levelCounts.map((c) => `${c.level ?? 'none'} ${c.count}`).join(', '),
          },
          { header: 'owner', value: (s) => s.owner },
        ],
        flags.format,
        answer,
      );
    });

  withServerOption(
    scorecards.command('show').argument('<name>', "the scorecard's name, as scorecards list shows"),
  )
    .description("A scorecard's entities: the level each holds, its score, and its next step.")
    .option('--team <name>', "only this team's entities, e.g. payments")
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward scorecards show production-readiness',
        'steward scorecards show production-readiness --team payments',
      ),
    )
    .action(async (name: string, flags: Flags) => {
      const path = `/api/v1/scorecards/${encodeURIComponent(name)}?${teamQuery(flags)}`;
      const card = await clientFromFlags(flags).request('GET', path, scorecardDetailSchema);
      printRows(
        card.results,
        [
          { header: 'entity', value: (r) => r.entity },
          { header: 'owner', value: (r) => r.owner },
          { header: 'level', value: (r) => r.level ?? 'none' },
          { header: 'score', value: (r) => `${r.score}%` },
          {
            header: 'next step',
            value: (r) => {
              const next = r.nextSteps[0];
              return next ? `${next.title} (${next.level}): ${next.howToFix}` : null;
            },
          },
        ],
        flags.format,
        card,
      );
    });
}

function teamQuery(flags: Flags): URLSearchParams {
  const query = new URLSearchParams();
  if (flags.team !== undefined) query.set('team', flags.team);
  return query;
}

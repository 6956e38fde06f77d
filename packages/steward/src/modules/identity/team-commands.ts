// `steward teams …`: list, show, create and delete teams, and change who is in them.
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRecord, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import { type TeamDetail, teamDetailSchema, teamSchema } from './schemas.ts';

type Flags = { server?: string; format: Format };
const teamPath = (name: string) => `/api/v1/teams/${encodeURIComponent(name)}`;
const memberRoles = ['lead', 'member'];

export function registerTeamCommands(program: Command): void {
  const teams = program
    .command('teams')
    .description('Teams and who is in them.')
    .addHelpText(
      'after',
      "\nReading needs any token; create and delete need an admin token; members are changed by the team's leads and admins.\n",
    );
  withServerOption(teams.command('list'))
    .description('List every team with its parent and member count.')
    .addOption(formatOption())
    .addHelpText('after', examples('steward teams list', 'steward teams list --format json'))
    .action(async (flags: Flags) => {
      const { items } = await clientFromFlags(flags).request('GET', '/api/v1/teams', listOf(teamSchema));
      printRows(
        items,
        [
          { header: 'name', value: (t) => t.name },
          { header: 'display name', value: (t) => t.displayName },
          { header: 'parent', value: (t) => t.parent },
          { header: 'members', value: (t) => t.memberCount },
        ],
        flags.format,
        { items },
      );
    });
  withServerOption(teams.command('show').argument('<name>', 'team name, e.g. platform'))
    .description('Show one team: description, parent, sub-teams and members.')
    .addOption(formatOption())
    .addHelpText('after', examples('steward teams show platform'))
    .action(async (name: string, flags: Flags) => {
      printTeam(await clientFromFlags(flags).request('GET', teamPath(name), teamDetailSchema), flags.format);
    });
  registerTeamChanges(teams);
}

function registerTeamChanges(teams: Command): void {
  withServerOption(teams.command('create').argument('<name>', 'lower-case name, e.g. payments'))
    .description('Create a team (admins).')
    .option('--display-name <text>', 'how people see it, e.g. "Payments" (default: the name)')
    .option('--description <text>', 'what the team does')
    .option('--parent <team>', 'the team it belongs under')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward teams create payments --display-name Payments --parent platform',
        'steward teams create search --description "Search and ranking"',
      ),
    )
    .action(
      async (
        name: string,
        flags: Flags & { displayName?: string; description?: string; parent?: string },
      ) => {
        const body = {
          name,
          ...(flags.displayName ? { displayName: flags.displayName } : {}),
          ...(flags.description ? { description: flags.description } : {}),
          ...(flags.parent ? { parent: flags.parent } : {}),
        };
        const team = await clientFromFlags(flags).request('POST', '/api/v1/teams', teamDetailSchema, body);
        printTeam(team, flags.format);
      },
    );
  withServerOption(
    teams
      .command('add-member')
      .argument('<team>', 'team name')
      .argument('<handle>', "the person's handle, from `steward users list`"),
  )
    .description("Add a person to a team, or change their role in it (the team's leads and admins).")
    .option('--role <role>', 'lead or member', 'member')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward teams add-member payments alice',
        'steward teams add-member payments bob --role lead',
      ),
    )
    .action(async (team: string, handle: string, flags: Flags & { role: string }) => {
      if (!memberRoles.includes(flags.role))
        throw usageError(`--role ${JSON.stringify(flags.role)} is not a team role; use lead or member`);
      const url = `${teamPath(team)}/members/${encodeURIComponent(handle)}`;
      const detail = await clientFromFlags(flags).request('PUT', url, teamDetailSchema, { role: flags.role });
      printTeam(detail, flags.format);
    });
  withServerOption(
    teams
      .command('remove-member')
      .argument('<team>', 'team name')
      .argument('<handle>', "the person's handle"),
  )
    .description("Take a person out of a team (the team's leads and admins).")
    .addOption(formatOption())
    .addHelpText('after', examples('steward teams remove-member payments alice'))
    .action(async (team: string, handle: string, flags: Flags) => {
      const url = `${teamPath(team)}/members/${encodeURIComponent(handle)}`;
      printTeam(await clientFromFlags(flags).request('DELETE', url, teamDetailSchema), flags.format);
    });
  withServerOption(teams.command('delete').argument('<name>', 'team name'))
    .description(
      'Delete a team and its memberships (admins). A team with sub-teams is refused: move or delete them first.',
    )
    .addHelpText('after', examples('steward teams delete old-search'))
    .action(async (name: string, flags: { server?: string }) => {
      const team = await clientFromFlags(flags).request('DELETE', teamPath(name), teamDetailSchema);
      const members = team.members.length;
      process.stderr.write(
        `team ${team.name} deleted (it had ${members} member${members === 1 ? '' : 's'})\n`,
      );
    });
}

function printTeam(team: TeamDetail, format: Format): void {
  printRecord(
    {
      name: team.name,
      'display name': team.displayName,
      description: team.description,
      parent: team.parent,
      'sub-teams': team.children,
      members: team.members.map((m) => (m.role === 'lead' ? `${m.handle} (lead)` : m.handle)),
    },
    format,
    team,
  );
}

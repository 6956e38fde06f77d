// CLI verbs for people, teams and API tokens, talking to a running Steward.
import type { Command } from 'commander';
import { z } from 'zod';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRecord, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import {
  createdTokenSchema,
  scopeSchema,
  teamDetailSchema,
  teamSchema,
  tokenSchema,
  userSchema,
} from './schemas.ts';

type Flags = { server?: string; format: Format };

export function registerIdentityCommands(program: Command): void {
  registerTeams(program);
  registerUsers(program);
  registerTokens(program);
}

function registerTeams(program: Command): void {
  const teams = program.command('teams').description('Teams and who is in them.');
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
      const team = await clientFromFlags(flags).request(
        'GET',
        `/api/v1/teams/${encodeURIComponent(name)}`,
        teamDetailSchema,
      );
      printRecord(
        {
          name: team.name,
          'display name': team.displayName,
          description: team.description,
          parent: team.parent,
          'sub-teams': team.children,
          members: team.members.map((m) => (m.role === 'lead' ? `${m.handle} (lead)` : m.handle)),
        },
        flags.format,
        team,
      );
    });
}

function registerUsers(program: Command): void {
  const users = program.command('users').description('People who use Steward.');
  withServerOption(users.command('list'))
    .description('List every user with their role and teams.')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples('steward users list', 'steward users list --format json | jq ".items[].handle"'),
    )
    .action(async (flags: Flags) => {
      const { items } = await clientFromFlags(flags).request('GET', '/api/v1/users', listOf(userSchema));
      printRows(
        items,
        [
          { header: 'handle', value: (u) => u.handle },
          { header: 'name', value: (u) => u.name },
          { header: 'role', value: (u) => u.role },
          { header: 'teams', value: (u) => u.teams.join(', ') },
        ],
        flags.format,
        { items },
      );
    });
}

function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens: for scripts, CI and the CLI.');
  withServerOption(tokens.command('list'))
    .description("List your API tokens (admins see everyone's).")
    .addOption(formatOption())
    .action(async (flags: Flags) => {
      const { items } = await clientFromFlags(flags).request('GET', '/api/v1/tokens', listOf(tokenSchema));
      printRows(
        items,
        [
          { header: 'id', value: (t) => t.id },
          { header: 'name', value: (t) => t.name },
          { header: 'owner', value: (t) => t.owner },
          { header: 'scopes', value: (t) => t.scopes.join(',') },
          { header: 'expires', value: (t) => t.expiresAt ?? 'never' },
          { header: 'state', value: (t) => tokenState(t) },
        ],
        flags.format,
        { items },
      );
    });
  withServerOption(tokens.command('create').argument('<name>', 'what the token is for, e.g. ci-deploy'))
    .description('Create an API token. The secret is printed once; Steward keeps only its hash.')
    .option('--scope <scope...>', 'read, write and/or admin', ['read'])
    .option('--expires-in-days <days>', 'days until it expires (default: never)')
    .option('--owner <handle>', 'create it for another user (admins only)')
    .addOption(formatOption())
    .addHelpText('after', examples('steward tokens create ci-deploy --scope read write --expires-in-days 90'))
    .action(
      async (name: string, flags: Flags & { scope: string[]; expiresInDays?: string; owner?: string }) => {
        const scopes = flags.scope.map((s) => {
          const parsed = scopeSchema.safeParse(s);
          if (!parsed.success)
            throw usageError(`--scope ${JSON.stringify(s)} is not a scope; use read, write or admin`);
          return parsed.data;
        });
        const days = flags.expiresInDays === undefined ? undefined : Number(flags.expiresInDays);
        if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
          throw usageError(
            `--expires-in-days must be a whole number of days, at least 1 (got ${flags.expiresInDays})`,
          );
        }
        const body = {
          name,
          scopes,
          ...(days ? { expiresInDays: days } : {}),
          ...(flags.owner ? { owner: flags.owner } : {}),
        };
        const token = await clientFromFlags(flags).request(
          'POST',
          '/api/v1/tokens',
          createdTokenSchema,
          body,
        );
        if (flags.format === 'json') return printRecord(token, 'json');
        process.stdout.write(`${token.secret}\n`);
        process.stderr.write(
          `token ${token.id} (${token.scopes.join(',')}) created for ${token.owner}; this secret is shown only once.\n`,
        );
      },
    );
  withServerOption(tokens.command('revoke').argument('<id>', 'token id, from `steward tokens list`'))
    .description('Revoke an API token: it stops working at once.')
    .addHelpText('after', examples('steward tokens revoke 01JD2K…'))
    .action(async (id: string, flags: { server?: string }) => {
      await clientFromFlags(flags).request('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`, z.unknown());
      process.stderr.write(`token ${id} revoked\n`);
    });
}

function tokenState(token: z.infer<typeof tokenSchema>): string {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) < Date.now()) return 'expired';
  return 'active';
}

// CLI verbs for people, teams and API tokens, talking to a running Steward: teams and users have
// files of their own, API tokens are here.
import type { Command } from 'commander';
import { z } from 'zod';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRecord, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import { createdTokenSchema, scopeSchema, tokenSchema } from './schemas.ts';
import { registerTeamCommands } from './team-commands.ts';
import { registerUserCommands } from './user-commands.ts';

type Flags = { server?: string; format: Format };

export function registerIdentityCommands(program: Command): void {
  registerTeamCommands(program);
  registerUserCommands(program);
  registerTokens(program);
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

// `steward users …`: list and show people; admins create them, disable and enable them, set their
// role and reset their password (the new one printed once).
import type { Command } from 'commander';
import { type ApiClient, clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRecord, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import { passwordResetSchema, roleSchema, type User, userSchema } from './schemas.ts';

type Flags = { server?: string; format: Format };
const userPath = (handle: string) => `/api/v1/users/${encodeURIComponent(handle)}`;
const status = (user: User) => (user.disabledAt ? 'disabled' : 'active');

export function registerUserCommands(program: Command): void {
  const users = program
    .command('users')
    .description('People who use Steward.')
    .addHelpText('after', '\nReading needs any token; every change here needs an admin token.\n');
  withServerOption(users.command('list'))
    .description('List every user with their role, teams and whether they may sign in.')
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
          { header: 'status', value: status },
        ],
        flags.format,
        { items },
      );
    });
  withServerOption(users.command('show').argument('<handle>', 'e.g. alice'))
    .description('Show one user: name, email, role, teams and whether they may sign in.')
    .addOption(formatOption())
    .addHelpText('after', examples('steward users show alice'))
    .action(async (handle: string, flags: Flags) => {
      printUser(await clientFromFlags(flags).request('GET', userPath(handle), userSchema), flags.format);
    });
  registerCreate(users);
  registerChanges(users);
}

function registerCreate(users: Command): void {
  withServerOption(users.command('create').argument('<handle>', 'lower-case handle, e.g. alice'))
    .description('Add a person (admins). Steward makes up their first password and prints it once.')
    .requiredOption('--name <name>', 'their full name, e.g. "Alice Example"')
    .option('--email <address>', 'where to reach them')
    .option('--role <role>', 'admin, member or viewer', 'member')
    .option('--no-password', 'no password: they use API tokens only (reset-password gives one later)')
    .addHelpText(
      'after',
      `
The password goes to stdout (and nowhere else); tell it to the person by a private channel.
${examples(
  'steward users create alice --name "Alice Example" --email alice@acme.example',
  'steward users create ci-bot --name "CI" --role viewer --no-password',
)}`,
    )
    .action(
      async (
        handle: string,
        flags: { server?: string; name: string; email?: string; role: string; password: boolean },
      ) => {
        const role = parseRole(flags.role, '--role');
        const client = clientFromFlags(flags);
        const body = { handle, name: flags.name, role, ...(flags.email ? { email: flags.email } : {}) };
        const user = await client.request('POST', '/api/v1/users', userSchema, body);
        if (!flags.password) {
          process.stderr.write(`user ${user.handle} (${user.role}) created, without a password\n`);
          return;
        }
        const reset = await resetPassword(client, user.handle).catch((error: Error) => {
          throw usageError(
            `user ${user.handle} was created, but giving them a password failed: ${error.message}; try: steward users reset-password ${user.handle}`,
          );
        });
        process.stdout.write(`${reset.password}\n`);
        process.stderr.write(
          `user ${user.handle} (${user.role}) created; the password above is shown only once.\n`,
        );
      },
    );
}

function registerChanges(users: Command): void {
  const change = (name: string, description: string, example: string) =>
    withServerOption(users.command(name).argument('<handle>', 'e.g. alice'))
      .description(description)
      .addOption(formatOption())
      .addHelpText('after', examples(example));
  change(
    'disable',
    'Stop someone signing in or using their tokens (admins); their sessions end at once.',
    'steward users disable alice',
  ).action(async (handle: string, flags: Flags) => patchUser(handle, { disabled: true }, flags));
  change('enable', 'Let a disabled person sign in again (admins).', 'steward users enable alice').action(
    async (handle: string, flags: Flags) => patchUser(handle, { disabled: false }, flags),
  );
  change(
    'set-role',
    "Change someone's role (admins): admin, member (changes what their teams own) or viewer (reads only).",
    'steward users set-role alice admin',
  )
    .argument('<role>', 'admin, member or viewer')
    .action(async (handle: string, role: string, flags: Flags) =>
      patchUser(handle, { role: parseRole(role, 'role') }, flags),
    );
  withServerOption(users.command('reset-password').argument('<handle>', 'e.g. alice'))
    .description(
      'Give someone a new password Steward makes up (admins). Their sessions end and their API tokens are revoked. To change your own, use the portal (your page) or PATCH /api/v1/users/<you>.',
    )
    .addHelpText('after', examples('steward users reset-password alice'))
    .action(async (handle: string, flags: { server?: string }) => {
      const reset = await resetPassword(clientFromFlags(flags), handle);
      process.stdout.write(`${reset.password}\n`);
      process.stderr.write(
        `password of ${reset.user.handle} reset; it is shown only once. Their sessions ended and their API tokens were revoked.\n`,
      );
    });
}

function resetPassword(client: ApiClient, handle: string) {
  return client.request('POST', `${userPath(handle)}/password-reset`, passwordResetSchema);
}

async function patchUser(handle: string, body: object, flags: Flags): Promise<void> {
  printUser(await clientFromFlags(flags).request('PATCH', userPath(handle), userSchema, body), flags.format);
}

function parseRole(value: string, what: string) {
  const parsed = roleSchema.safeParse(value);
  if (!parsed.success)
    throw usageError(`${what} ${JSON.stringify(value)} is not a role; use admin, member or viewer`);
  return parsed.data;
}

function printUser(user: User, format: Format): void {
  printRecord(
    {
      handle: user.handle,
      name: user.name,
      email: user.email,
      role: user.role,
      teams: user.teams,
      status: user.disabledAt ? `disabled since ${user.disabledAt}` : 'active',
      created: user.createdAt,
    },
    format,
    user,
  );
}

// `steward login`: checks a token against a server and remembers both in the CLI config file.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { createApiClient } from '../../platform/cli/client.ts';
import { examples, usageError } from '../../platform/cli/program.ts';
import { clientConfigPath, loadClientConfig } from '../../platform/config.ts';
import { sessionSchema } from './schemas.ts';

export function registerLoginCommand(program: Command): void {
  program
    .command('login')
    .description('Check an API token against a Steward server and save both for later commands.')
    .requiredOption('--server <url>', 'Steward server, e.g. http://127.0.0.1:7420')
    .option('--token <token>', 'API token (default: $STEWARD_TOKEN)')
    .addHelpText(
      'after',
      examples('steward login --server http://127.0.0.1:7420 --token "$(cat .steward/admin.token)"'),
    )
    .action(async (flags: { server: string; token?: string }) => {
      // Only flags and STEWARD_TOKEN count here: the saved file is what we are about to replace.
      const config = loadClientConfig(flags, () => undefined);
      if (!config.token) throw usageError('give --token, or set STEWARD_TOKEN');
      const { server, token } = config;
      const me = await createApiClient(config).request(
        'GET',
        '/api/v1/me',
        sessionSchema.pick({ user: true }),
      );
      const path = clientConfigPath();
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify({ server, token }, null, 2)}\n`, { mode: 0o600 });
      chmodSync(path, 0o600);
      process.stderr.write(
        `signed in to ${server} as ${me.user.handle} (${me.user.role}); saved to ${path}\n`,
      );
    });
}

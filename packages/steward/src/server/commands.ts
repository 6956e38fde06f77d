// `steward serve`
import type { Command } from 'commander';
import { examples } from '../platform/cli/program.ts';
import { loadServeConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logging.ts';
import { serve } from './serve.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the Steward server (API, portal, live channel) on the embedded database or PostgreSQL.')
    .option('--port <port>', 'port to listen on (default 7420, or STEWARD_PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or STEWARD_HOST)')
    .option('--data-dir <dir>', 'where the embedded database and admin token live (default ./.steward)')
    .option('--database-url <url>', 'PostgreSQL to use instead of the embedded database (or DATABASE_URL)')
    .option(
      '--database-owner-url <url>',
      'PostgreSQL as the role owning the tables: migrates and grants --database-url only what it needs (or STEWARD_DATABASE_OWNER_URL)',
    )
    .option('--catalog <path>', 'catalog file or directory to load on start (repeatable)', collect, [])
    .option(
      '--catalog-rules <file>',
      "the organisation's catalog rules and kinds (YAML; see `steward catalog validate --help`)",
    )
    .option('--demo', 'load the demo organisation (examples/acme)')
    .option(
      '--trust-proxy <value>',
      'proxies whose X-Forwarded-For/-Proto to believe: true (any), or their addresses/CIDRs, comma-separated (or STEWARD_TRUST_PROXY; default none)',
    )
    .option(
      '--default-alert-team <team>',
      'where alerts nothing owns go, a Group name or ref (or STEWARD_DEFAULT_ALERT_TEAM)',
    )
    .addHelpText(
      'after',
      examples(
        'steward serve --demo',
        'steward serve --port 8080 --data-dir /var/lib/steward',
        'DATABASE_URL=postgres://steward@db/steward steward serve',
        'STEWARD_DATABASE_OWNER_URL=postgres://steward_owner@db/steward DATABASE_URL=postgres://steward@db/steward steward serve',
      ),
    )
    .action(async (flags) => {
      const config = loadServeConfig(flags);
      const logger = createLogger(config);
      const running = await serve(config, logger);
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          running.shutdown(signal).then(
            () => process.exit(0),
            (error) => {
              logger.error({ err: error }, 'shutdown failed');
              process.exit(1);
            },
          );
        });
      }
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

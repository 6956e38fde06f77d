// `steward db migrate`: migrations applied as the role that owns the tables, and the serving role
// granted only what it needs, for operators who keep the owner's credentials away from the server
// (which then starts with --database-url alone and finds nothing left to apply).
import type { Command } from 'commander';
import { examples, usageError } from '../cli/program.ts';
import { loadServeConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { auditLogRisk, migrateAsOwner } from './serving-role.ts';

/** `moduleFolders`: every module's migrations (the platform's own are always applied). */
export function registerDbCommands(program: Command, moduleFolders: readonly string[]): void {
  const db = program.command('db').description('Database chores for operators of Steward on PostgreSQL.');
  db.command('migrate')
    .description(
      'Apply migrations as the role that owns the tables, then grant the role Steward serves as only what it needs (of the audit log: reading and appending).',
    )
    .option('--database-owner-url <url>', 'the owner of the tables (or STEWARD_DATABASE_OWNER_URL)')
    .option('--database-url <url>', 'the role Steward serves as (or DATABASE_URL)')
    .addHelpText(
      'after',
      examples(
        'steward db migrate --database-owner-url postgres://steward_owner@db/steward --database-url postgres://steward@db/steward',
      ),
    )
    .action(async (flags: { databaseOwnerUrl?: string; databaseUrl?: string }) => {
      const config = loadServeConfig(flags);
      if (!config.databaseOwnerUrl || !config.databaseUrl) {
        throw usageError(
          'steward db migrate needs --database-owner-url (the owner of the tables) and --database-url (the role Steward serves as)',
        );
      }
      const serving = await openDatabase({ url: config.databaseUrl, poolSize: 1 });
      try {
        const applied = await migrateAsOwner(config.databaseOwnerUrl, serving, moduleFolders);
        process.stdout.write(
          applied.length > 0
            ? `applied ${applied.length} migration(s): ${applied.join(', ')}\n`
            : 'no migrations to apply\n',
        );
        const risk = await auditLogRisk(serving);
        if (risk) process.stderr.write(`steward: warning: ${risk}\n`);
        else
          process.stdout.write(
            'the serving role may read and write rows, and only read and append to the audit log\n',
          );
      } finally {
        await serving.close();
      }
    });
}

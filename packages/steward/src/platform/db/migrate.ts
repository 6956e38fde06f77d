// Forward-only migrations: every file in ./migrations, applied in name order on start.
// A migration, once merged, is never edited; a change is a new file (migrations-unchanged.test.ts).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { unavailable } from '../errors.ts';
import type { Database } from './database.ts';

const folder = join(import.meta.dirname, 'migrations');

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const names = (await readdir(folder)).filter((f) => /^\d{4}-[a-z0-9-]+\.ts$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const name of names) {
      migrations[name.replace(/\.ts$/, '')] = await import(pathToFileURL(join(folder, name)).href);
    }
    return migrations;
  }
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.kysely(),
    provider: new FolderMigrationProvider(),
    migrationTableName: 'steward_migration',
    migrationLockTableName: 'steward_migration_lock',
    // Migrations are numbered as they are written on parallel branches; one merged later with a
    // lower number than an applied one must still run. Each is forward-only and never edited.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    // insufficient_privilege: a serving role that owns nothing, as it should, cannot migrate.
    const hint =
      (error as { code?: string }).code === '42501'
        ? ': this role may not change the schema; give the owner of the tables as --database-owner-url (STEWARD_DATABASE_OWNER_URL)'
        : '';
    throw unavailable(
      `database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}${hint}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

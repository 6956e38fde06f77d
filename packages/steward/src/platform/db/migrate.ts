// Forward-only migrations, applied in name order on start. Each lives with what owns its tables: the
// platform's in ./migrations, a module's in the folder its manifest names (`modules/<name>/migrations/`). Names are numbered across
// all of them (`0009-…`), so the order is one order. A migration, once merged, is never edited; a
// change is a new file (migrations-unchanged.test.ts).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { unavailable } from '../errors.ts';
import type { Database } from './database.ts';

const platformFolder = join(import.meta.dirname, 'migrations');

class FolderMigrationProvider implements MigrationProvider {
  private readonly folders: readonly string[];

  constructor(folders: readonly string[]) {
    this.folders = folders;
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    const found = new Map<string, string>();
    for (const folder of this.folders) {
      for (const file of await readdir(folder)) {
        if (!/^\d{4}-[a-z0-9-]+\.ts$/.test(file)) continue;
        const name = file.replace(/\.ts$/, '');
        const other = found.get(name);
        if (other)
          throw new Error(`migration ${name} is in both ${other} and ${folder}: rename the newer one`);
        found.set(name, folder);
      }
    }
    const migrations: Record<string, Migration> = {};
    for (const [name, folder] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
      migrations[name] = await import(pathToFileURL(join(folder, `${name}.ts`)).href);
    }
    return migrations;
  }
}

/**
 * Applies the platform's migrations and those in `moduleFolders` (each module's manifest names its own;
 * server/modules.ts lists them), in name order; answers the names applied.
 */
export async function migrateToLatest(
  database: Database,
  moduleFolders: readonly string[],
): Promise<string[]> {
  const migrator = new Migrator({
    db: database.kysely(),
    provider: new FolderMigrationProvider([platformFolder, ...moduleFolders]),
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

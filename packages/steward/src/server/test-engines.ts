// Runs the same storage tests on every engine: PGlite always, PostgreSQL when
// STEWARD_TEST_DATABASE_URL is set. Each suite gets a database of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { testDatabaseUrl } from '../platform/config.ts';
import { type Database, type Engine, openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { moduleMigrationFolders } from './modules.ts';

export const testEngines: Engine[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  database: Database;
  /** The PostgreSQL URL of this test database, so a second process can open it too. */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the given engine. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({});
    await migrateToLatest(database, moduleMigrationFolders);
    return { database, url: undefined, drop: () => database.close() };
  }
  const baseUrl = testDatabaseUrl();
  if (!baseUrl) throw new Error('STEWARD_TEST_DATABASE_URL is not set');
  const name = `steward_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(baseUrl, name);
  const database = await openDatabase({ url, poolSize: 5 });
  await migrateToLatest(database, moduleMigrationFolders);
  return {
    database,
    url,
    async drop() {
      await database.close();
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * Declares a suite once per engine. `setup()` inside gives that engine's database,
 * created before the suite's tests and dropped after them.
 */
export function describeEachEngine(
  name: string,
  body: (setup: { db: () => Database; engine: Engine; url: () => string | undefined }) => void,
): void {
  for (const engine of testEngines) {
    describe(`${name} [${engine}]`, () => {
      let test: TestDatabase | undefined;
      beforeAll(async () => {
        test = await createTestDatabase(engine);
      }, 60_000);
      afterAll(async () => {
        await test?.drop();
      });
      body({
        engine,
        db: () => {
          if (!test) throw new Error('the test database is not ready yet');
          return test.database;
        },
        url: () => test?.url,
      });
    });
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

// Steward on PostgreSQL as a role that does not own its tables. The owner role (--database-owner-url)
// migrates, then grants the serving role (--database-url) what it needs: rows of every table, and of
// the audit log only reading and appending. Neither a bug nor whoever gets the serving connection can
// then alter a table, disable the audit log's append-only trigger, or rewrite history.
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import { openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

/** Tables whose rows the serving role may read and add to, never change. */
const appendOnly = new Set(['audit_log']);
/** Tables only migrations write. */
const migrationsOnly = new Set(['steward_migration', 'steward_migration_lock']);
/** Arbitrary, unique among Steward's advisory locks: two servers starting at once grant in turn. */
const grantLockKey = 7_420_009;

/** Migrates as the owner and grants the role `serving` connects as; answers the migrations applied. */
export async function migrateAsOwner(
  ownerUrl: string,
  serving: Database,
  moduleFolders: readonly string[],
): Promise<string[]> {
  const role = await currentRole(serving.kysely());
  const owner = await openDatabase({ url: ownerUrl, poolSize: 1 });
  try {
    const applied = await migrateToLatest(owner, moduleFolders);
    await grantServingRole(owner.kysely(), role);
    return applied;
  } finally {
    await owner.close();
  }
}

async function grantServingRole(db: Kysely<unknown>, role: string): Promise<void> {
  if ((await currentRole(db)) === role) return; // one role for both: auditLogRisk will say so
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(grantLockKey)})`.execute(trx);
    const { rows: schemas } = await sql<{ schema: string }>`select current_schema() as schema`.execute(trx);
    const schema = sql.id(schemas[0]?.schema ?? 'public');
    const grantee = sql.id(role);
    await sql`grant usage on schema ${schema} to ${grantee}`.execute(trx);
    const { rows: tables } = await sql<{ name: string }>`select tablename as name from pg_tables
      where schemaname = current_schema() and tableowner = current_user`.execute(trx);
    for (const { name } of tables) {
      const table = sql.id(name);
      // Revoked first, so a broader grant made by hand or by an older Steward does not survive.
      await sql`revoke all on table ${table} from ${grantee}`.execute(trx);
      if (migrationsOnly.has(name)) await sql`grant select on table ${table} to ${grantee}`.execute(trx);
      else if (appendOnly.has(name))
        await sql`grant select, insert on table ${table} to ${grantee}`.execute(trx);
      else await sql`grant select, insert, update, delete on table ${table} to ${grantee}`.execute(trx);
    }
    const { rows: sequences } = await sql<{ name: string }>`select sequencename as name from pg_sequences
      where schemaname = current_schema() and sequenceowner = current_user`.execute(trx);
    for (const { name } of sequences) {
      await sql`grant usage, select on sequence ${sql.id(name)} to ${grantee}`.execute(trx);
    }
  });
}

/**
 * On PostgreSQL, when the serving role is a superuser or owns the audit log table (or may become its
 * owner), says what that allows and what to change; else undefined. PGlite has a single user.
 */
export async function auditLogRisk(database: Database): Promise<string | undefined> {
  if (database.engine !== 'postgres') return undefined;
  const { rows } = await sql<{ role: string; superuser: boolean; owner: string | null; owns: boolean }>`
    select r.rolname as role, r.rolsuper as superuser, pg_get_userbyid(c.relowner) as owner,
      coalesce(pg_has_role(current_user, c.relowner, 'MEMBER'), false) as owns
    from pg_roles r left join pg_class c on c.oid = to_regclass('audit_log')
    where r.rolname = current_user`.execute(database.kysely());
  const row = rows[0];
  if (!row || !(row.superuser || row.owns)) return undefined;
  const what = row.superuser
    ? `is a superuser`
    : `owns the audit log table${row.owner === row.role ? '' : ` (as a member of "${row.owner}")`}`;
  return `the database role "${row.role}" ${what}: whoever holds this server's connection can disable the audit log's append-only trigger and rewrite history. Serve with --database-url as a role that owns nothing and --database-owner-url (STEWARD_DATABASE_OWNER_URL) as the owner: Steward then migrates as the owner and grants the serving role only what it needs (see docs/postgresql.md)`;
}

async function currentRole(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
  return rows[0]?.role as string;
}

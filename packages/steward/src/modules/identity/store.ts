// SQL for people, teams and memberships. Every function takes the Kysely instance or the
// transaction it should run in, so services can group a change and its audit entry.
import { type Kysely, sql } from 'kysely';
import type { IdentityTables, MembershipRole, TeamRow, UserRow, UsersTable } from './tables.ts';

export type Db = Kysely<IdentityTables>;

export interface MemberRow {
  user_id: string;
  handle: string;
  name: string;
  role: MembershipRole;
}

export function findUserByHandle(db: Db, handle: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('handle', '=', handle).executeTakeFirst();
}

export function listUserRows(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('handle').execute();
}

export async function insertUser(db: Db, row: Omit<UsersTable, 'created_at'>): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export type UserPatch = Partial<
  Pick<
    UsersTable,
    'name' | 'email' | 'role' | 'password_hash' | 'disabled_at' | 'disabled_by' | 'from_catalog'
  >
>;

export async function updateUserRow(db: Db, id: string, patch: UserPatch): Promise<UserRow> {
  return db.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Admins who can still sign in, other than the one given. */
export async function countOtherActiveAdmins(db: Db, exceptUserId: string | null): Promise<number> {
  let query = db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null);
  if (exceptUserId) query = query.where('id', '!=', exceptUserId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Locks the rows of every admin who can sign in until the transaction ends. Every change that may take
 * admin rights away takes these locks before it reads anyone, so such changes run one at a time, each
 * counting what the previous one left (a count alone, read in parallel, lets two demotions both see
 * the other admin and leave none). Row order is fixed, so two such transactions cannot deadlock.
 */
export async function lockActiveAdmins(db: Db): Promise<void> {
  await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Team names per user id, for the given users (all when omitted). */
export async function teamNamesByUser(db: Db, userIds?: string[]): Promise<Map<string, string[]>> {
  let query = db
    .selectFrom('memberships')
    .innerJoin('teams', 'teams.id', 'memberships.team_id')
    .select(['memberships.user_id', 'teams.name'])
    .orderBy('teams.name');
  if (userIds) {
    if (userIds.length === 0) return new Map();
    query = query.where('memberships.user_id', 'in', userIds);
  }
  const byUser = new Map<string, string[]>();
  for (const row of await query.execute()) {
    const names = byUser.get(row.user_id) ?? [];
    names.push(row.name);
    byUser.set(row.user_id, names);
  }
  return byUser;
}

export function listTeamRows(db: Db): Promise<TeamRow[]> {
  return db.selectFrom('teams').selectAll().orderBy('name').execute();
}

export function findTeamByName(db: Db, name: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
}

export function findTeamById(db: Db, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function childTeamNames(db: Db, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('teams')
    .select('name')
    .where('parent_id', '=', teamId)
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

export async function memberCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('memberships')
    .select(['team_id', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('team_id')
    .execute();
  return new Map(rows.map((r) => [r.team_id, Number(r.count)]));
}

export async function insertTeam(db: Db, row: Omit<TeamRow, 'created_at'>): Promise<TeamRow> {
  return db.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
}

export type TeamPatch = Partial<Pick<TeamRow, 'display_name' | 'description' | 'parent_id'>>;

export async function updateTeamRow(db: Db, id: string, patch: TeamPatch): Promise<TeamRow> {
  return db.updateTable('teams').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteTeamRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

/** Names from the given team up to the root: the team itself first. */
export async function ancestorNames(db: Db, teamId: string): Promise<string[]> {
  const result = await sql<{ name: string }>`
    with recursive chain (id, parent_id, depth) as (
      select id, parent_id, 0 from teams where id = ${teamId}
      union all
      select t.id, t.parent_id, chain.depth + 1
      from teams t join chain on t.id = chain.parent_id
      where chain.depth < 1000
    )
    select teams.name from chain join teams on teams.id = chain.id order by chain.depth`.execute(db);
  return result.rows.map((r) => r.name);
}

export function teamMembers(db: Db, teamId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id', 'users.handle', 'users.name', 'memberships.role'])
    .where('memberships.team_id', '=', teamId)
    .orderBy('memberships.role')
    .orderBy('users.handle')
    .execute();
}

export async function membershipRole(db: Db, userId: string, teamId: string): Promise<MembershipRole | null> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', userId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function upsertMembership(db: Db, userId: string, teamId: string, role: MembershipRole) {
  await db
    .insertInto('memberships')
    .values({ user_id: userId, team_id: teamId, role })
    .onConflict((oc) => oc.columns(['user_id', 'team_id']).doUpdateSet({ role }))
    .execute();
}

export async function deleteMembership(db: Db, userId: string, teamId: string): Promise<void> {
  await db.deleteFrom('memberships').where('user_id', '=', userId).where('team_id', '=', teamId).execute();
}

/** Whether a database error is a unique-constraint violation (a concurrent insert won the race). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === '23505';
}

/** Serialises hierarchy changes for the rest of the transaction, so two moves cannot make a loop together. */
export async function lockTeamHierarchy(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(hierarchyLockKey)})`.execute(trx);
}

/** Serialises first-start checks across processes sharing one PostgreSQL. */
export async function lockFirstStart(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(firstStartLockKey)})`.execute(trx);
}

// Arbitrary constants, unique among Steward's advisory locks.
const hierarchyLockKey = 7_420_001;
const firstStartLockKey = 7_420_002;

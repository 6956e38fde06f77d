// SQL for credentials: API tokens and portal sessions, looked up by the hash of their secret, each with
// the user it acts for and the user's teams in the same round trip: every authenticated request asks.
import { sql } from 'kysely';
import { prepareAs } from '../../platform/db/prepared.ts';
import type { Db } from './store.ts';
import type { ApiTokensTable, SessionsTable, UserRow } from './tables.ts';

export type TokenRow = Omit<ApiTokensTable, 'created_at'> & { created_at: Date; owner: string };

export interface CredentialUser {
  user: Pick<UserRow, 'id' | 'handle' | 'name' | 'role' | 'disabled_at'> & {
    /** The ids and names of the teams the user is in, by name. */
    teamIds: string[];
    teams: string[];
  };
}

/** The user's teams, ordered by name, as `[[id, name], …]`. */
const userTeams = sql<[string, string][]>`coalesce((
    select json_agg(json_build_array(m.team_id, t.name) order by t.name, m.team_id)
      from memberships m join teams t on t.id = m.team_id
     where m.user_id = users.id), '[]')`.as('user_teams');

function teamsOf(pairs: [string, string][]): { teamIds: string[]; teams: string[] } {
  return { teamIds: pairs.map(([id]) => id), teams: pairs.map(([, name]) => name) };
}

const tokenColumns = [
  'api_tokens.id',
  'api_tokens.user_id',
  'api_tokens.name',
  'api_tokens.scopes',
  'api_tokens.token_hash',
  'api_tokens.created_at',
  'api_tokens.expires_at',
  'api_tokens.revoked_at',
  'api_tokens.last_used_at',
  'users.handle as owner',
] as const;

export async function insertToken(db: Db, row: Omit<ApiTokensTable, 'created_at'>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function findTokenById(db: Db, id: string): Promise<TokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(tokenColumns)
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
}

/** The token with the given hash and the user it acts for, in one round trip. */
export async function findTokenByHash(
  db: Db,
  tokenHash: string,
): Promise<(TokenRow & CredentialUser) | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .modifyFront(sql.raw(prepareAs('token_by_hash')))
    .select([...tokenColumns, 'users.name as owner_name', 'users.role', 'users.disabled_at', userTeams])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { role, disabled_at, owner_name, user_teams, ...token } = row;
  return {
    ...token,
    user: { id: row.user_id, handle: row.owner, name: owner_name, role, disabled_at, ...teamsOf(user_teams) },
  };
}

export function listTokenRows(db: Db, userId: string | null): Promise<TokenRow[]> {
  let query = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(tokenColumns)
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id');
  if (userId) query = query.where('api_tokens.user_id', '=', userId);
  return query.execute();
}

export async function revokeTokenRow(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function touchToken(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export type SessionRow = Omit<SessionsTable, 'created_at' | 'last_seen_at'> & {
  created_at: Date;
  last_seen_at: Date;
};

export async function insertSession(db: Db, row: Omit<SessionRow, 'last_seen_at'>): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...row, last_seen_at: row.created_at })
    .execute();
}

export async function findSessionByHash(
  db: Db,
  idHash: string,
): Promise<(SessionRow & CredentialUser) | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .modifyFront(sql.raw(prepareAs('session_by_hash')))
    .select(['users.handle', 'users.name', 'users.role', 'users.disabled_at', userTeams])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { handle, name, role, disabled_at, user_teams, ...session } = row;
  return {
    ...session,
    user: { id: row.user_id, handle, name, role, disabled_at, ...teamsOf(user_teams) },
  };
}

export async function touchSession(db: Db, idHash: string, seenAt: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: seenAt, expires_at: expiresAt })
    .where('id_hash', '=', idHash)
    .execute();
}

/** Deletes a session; answers the id of its user, or undefined when there was no such session. */
export async function deleteSession(db: Db, idHash: string): Promise<string | undefined> {
  const row = await db
    .deleteFrom('sessions')
    .where('id_hash', '=', idHash)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** Ends every session of a user (but the one given): after a password change or when disabled. */
export async function deleteSessionsOfUser(db: Db, userId: string, exceptIdHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
  await query.execute();
}

/** Expired sessions are useless; dropping them at sign-in keeps the table small without a job. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

// Set-based writes for an organisation sync: each call is a few statements however many rows, the
// rows sent as one JSON parameter (jsonb_to_recordset), so no statement nears PostgreSQL's
// parameter limit. Only the columns a row marks as changed are written, so a concurrent edit of
// another column (by hand, in the portal) is not overwritten.
import { sql } from 'kysely';
import type { Db } from './store.ts';
import type { MembershipRole, UserRow } from './tables.ts';

/** Rows per statement: big enough that 5,000 people take a few statements, small enough to stay quick. */
const batch = 2000;

export interface NewTeamRow {
  id: string;
  name: string;
  display_name: string;
  description: string | null;
  parent_id: string | null;
}

export interface TeamUpdate {
  id: string;
  display_name: string | null;
  set_description: boolean;
  description: string | null;
  set_parent: boolean;
  parent_id: string | null;
}

export type NewUserRow = Omit<UserRow, 'created_at' | 'disabled_at'>;

/** A changed user: null for a column that stays as it is (an import never sets one to null). */
export interface UserUpdate {
  id: string;
  name: string | null;
  email: string | null;
  role: UserRow['role'] | null;
  password_hash: string | null;
}

export interface MembershipRow {
  user_id: string;
  team_id: string;
  role: MembershipRole;
}

/** Inserts teams in the order given: a parent must come before (or in the same batch as) its children. */
export async function insertTeams(trx: Db, rows: NewTeamRow[]): Promise<void> {
  for (const rows_ of batches(rows)) {
    await sql`
      insert into teams (id, name, display_name, description, parent_id)
      select id, name, display_name, description, parent_id
      from jsonb_to_recordset(cast(${JSON.stringify(rows_)} as jsonb))
        as v(id text, name text, display_name text, description text, parent_id text)`.execute(trx);
  }
}

export async function updateTeams(trx: Db, rows: TeamUpdate[]): Promise<void> {
  for (const rows_ of batches(rows)) {
    await sql`
      update teams set
        display_name = coalesce(v.display_name, teams.display_name),
        description = case when v.set_description then v.description else teams.description end,
        parent_id = case when v.set_parent then v.parent_id else teams.parent_id end
      from jsonb_to_recordset(cast(${JSON.stringify(rows_)} as jsonb))
        as v(id text, display_name text, set_description boolean, description text, set_parent boolean, parent_id text)
      where teams.id = v.id`.execute(trx);
  }
}

export async function insertUsers(trx: Db, rows: NewUserRow[]): Promise<void> {
  for (const rows_ of batches(rows)) {
    await sql`
      insert into users (id, handle, name, email, role, password_hash)
      select id, handle, name, email, role, password_hash
      from jsonb_to_recordset(cast(${JSON.stringify(rows_)} as jsonb))
        as v(id text, handle text, name text, email text, role text, password_hash text)`.execute(trx);
  }
}

export async function updateUsers(trx: Db, rows: UserUpdate[]): Promise<void> {
  for (const rows_ of batches(rows)) {
    await sql`
      update users set
        name = coalesce(v.name, users.name),
        email = coalesce(v.email, users.email),
        role = coalesce(v.role, users.role),
        password_hash = coalesce(v.password_hash, users.password_hash)
      from jsonb_to_recordset(cast(${JSON.stringify(rows_)} as jsonb))
        as v(id text, name text, email text, role text, password_hash text)
      where users.id = v.id`.execute(trx);
  }
}

/** Adds memberships or changes their role; each (user, team) at most once in `rows`. */
export async function upsertMemberships(trx: Db, rows: MembershipRow[]): Promise<void> {
  for (const rows_ of batches(rows)) {
    await sql`
      insert into memberships (user_id, team_id, role)
      select user_id, team_id, role
      from jsonb_to_recordset(cast(${JSON.stringify(rows_)} as jsonb)) as v(user_id text, team_id text, role text)
      on conflict (user_id, team_id) do update set role = excluded.role`.execute(trx);
  }
}

export async function listMembershipRows(trx: Db): Promise<MembershipRow[]> {
  return trx.selectFrom('memberships').select(['user_id', 'team_id', 'role']).execute();
}

function* batches<T>(rows: T[]): Generator<T[]> {
  for (let at = 0; at < rows.length; at += batch) yield rows.slice(at, at + batch);
}

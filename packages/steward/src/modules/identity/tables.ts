// The identity module's tables, as Kysely sees them (migrations 0003-identity, 0007-sign-in-throttle, 0012-catalog-people).
import type { Generated } from 'kysely';
import type { AuditTables } from '../../platform/audit/audit-log.ts';
import type { Role, Scope } from '../../platform/auth/principal.ts';

export type MembershipRole = 'lead' | 'member';

export interface UsersTable {
  id: string;
  handle: string;
  name: string;
  email: string | null;
  role: Role;
  password_hash: string | null;
  created_at: Generated<Date>;
  disabled_at: Date | null;
  /** Who disabled them: an admin, or the catalog (their User entity went); null while enabled. */
  disabled_by?: DisabledBy | null;
  /** The catalog holds a User for them (identity projects it); false: a Steward-only account. */
  from_catalog?: boolean;
}

export type DisabledBy = 'admin' | 'catalog';

export interface TeamsTable {
  id: string;
  name: string;
  display_name: string;
  description: string | null;
  parent_id: string | null;
  created_at: Generated<Date>;
  /** The catalog holds a Group for it (identity projects it); false: a team from before, not yet adopted. */
  from_catalog?: boolean;
}

export interface MembershipsTable {
  user_id: string;
  team_id: string;
  role: MembershipRole;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  scopes: Scope[];
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  resets_at: Date;
}

export interface IdentityTables extends AuditTables {
  users: UsersTable;
  teams: TeamsTable;
  memberships: MembershipsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
}

export type UserRow = Omit<UsersTable, 'created_at'> & { created_at: Date };
export type TeamRow = Omit<TeamsTable, 'created_at'> & { created_at: Date };

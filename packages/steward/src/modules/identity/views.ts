// Rows turned into the API's shapes, and into the audit log's snapshots (which never carry
// a password hash, token hash or secret).
import type { TokenRow } from './credential-store.ts';
import type { Token, User } from './schemas.ts';
import type { MemberRow } from './store.ts';
import type { TeamRow, UserRow } from './tables.ts';

export function toUser(row: UserRow, teams: string[]): User {
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    email: row.email,
    role: row.role,
    teams,
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

export function toToken(row: TokenRow): Token {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

export function userSnapshot(row: UserRow) {
  return {
    handle: row.handle,
    name: row.name,
    email: row.email,
    role: row.role,
    hasPassword: row.password_hash !== null,
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

export function teamSnapshot(row: TeamRow, parent: string | null) {
  return { name: row.name, displayName: row.display_name, description: row.description, parent };
}

export function membershipSnapshot(team: string, member: Pick<MemberRow, 'handle' | 'role'>) {
  return { team, handle: member.handle, role: member.role };
}

export function tokenSnapshot(row: TokenRow) {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    scopes: row.scopes,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

// Who is calling, and what each route lets them do. Roles say what a person is;
// token scopes narrow what one credential may do on their behalf.

export type Role = 'admin' | 'member' | 'viewer';
export type Scope = 'read' | 'write' | 'admin';

export interface Principal {
  userId: string;
  /** The person's handle, for audit entries and logs. */
  handle: string;
  /** Their display name, for presence and anywhere a person is shown. */
  name: string;
  role: Role;
  /** The scopes of the credential used; a portal session carries the role's full scopes. */
  scopes: Scope[];
  /** Teams the person belongs to: team members may change what their team owns. */
  teamIds: string[];
  /** The names of those teams: Group entities and CODEOWNERS speak of teams by name. */
  teams: string[];
  via: 'token' | 'session';
  tokenId?: string;
  sessionId?: string;
}

/** What a route asks of its caller. */
export type Access = 'public' | 'read' | 'write' | 'admin';

export const scopesForRole: Record<Role, Scope[]> = {
  admin: ['read', 'write', 'admin'],
  member: ['read', 'write'],
  viewer: ['read'],
};

/** Answers why the principal may not use a route of the given access, or null when they may. */
export function denialReason(principal: Principal, access: Access): string | null {
  if (access === 'public' || access === 'read') {
    return principal.scopes.includes('read') ? null : 'this credential lacks the read scope';
  }
  if (access === 'write') {
    if (principal.role === 'viewer')
      return 'viewers may read but not change anything; ask an admin for the member role';
    return principal.scopes.includes('write')
      ? null
      : 'this token has no write scope; create one with --scope write';
  }
  if (principal.role !== 'admin') return 'only admins may do this';
  return principal.scopes.includes('admin')
    ? null
    : 'this token has no admin scope; create one with --scope admin';
}

/** Resolves the caller of a request from its Authorization header or session cookie. */
export interface Authenticator {
  authenticate(request: {
    method: string;
    headers: Record<string, string | string[] | undefined>;
    cookies?: Record<string, string | undefined>;
  }): Promise<Principal | null>;
}

// The identity API as the portal calls it: sessions, people, teams, tokens and the audit log.
// Shapes come from the server's own schemas (@steward/steward/api), never redeclared here.
import type {
  AuditEntry,
  AuditListQuery,
  CreatedToken,
  PasswordReset,
  Session,
  Team,
  TeamDetail,
  Token,
  User,
} from '@steward/steward/api';
import { del, get, patch, post, put } from './http.ts';

export type {
  AuditEntry,
  AuditListQuery,
  CreatedToken,
  PasswordReset,
  Session,
  Team,
  TeamDetail,
  Token,
  User,
};
export type Role = User['role'];
export type MemberRole = TeamDetail['members'][number]['role'];
export type Scope = Token['scopes'][number];

interface List<T> {
  items: T[];
}

const items = <T>(list: List<T>) => list.items;
const segment = encodeURIComponent;

export const signIn = (handle: string, password: string) =>
  post<Session>('/api/v1/auth/login', { handle, password });
export const signOut = () => post<unknown>('/api/v1/auth/logout');
export const fetchSession = () => get<Session>('/api/v1/me');

export const listTeams = () => get<List<Team>>('/api/v1/teams').then(items);
export const fetchTeam = (name: string) => get<TeamDetail>(`/api/v1/teams/${segment(name)}`);
export const createTeam = (input: { name: string; displayName?: string; parent?: string }) =>
  post<TeamDetail>('/api/v1/teams', input);
export const deleteTeam = (name: string) => del<TeamDetail>(`/api/v1/teams/${segment(name)}`);
export const setMember = (team: string, handle: string, role: MemberRole) =>
  put<TeamDetail>(`/api/v1/teams/${segment(team)}/members/${segment(handle)}`, { role });
export const removeMember = (team: string, handle: string) =>
  del<TeamDetail>(`/api/v1/teams/${segment(team)}/members/${segment(handle)}`);

export const listUsers = () => get<List<User>>('/api/v1/users').then(items);
export const fetchUser = (handle: string) => get<User>(`/api/v1/users/${segment(handle)}`);
export const createUser = (input: { handle: string; name: string; email?: string; role: Role }) =>
  post<User>('/api/v1/users', input);
export const updateUser = (handle: string, changes: { role?: Role; disabled?: boolean }) =>
  patch<User>(`/api/v1/users/${segment(handle)}`, changes);
/** An admin's reset: Steward makes up the password and answers it this once. */
export const resetPassword = (handle: string) =>
  post<PasswordReset>(`/api/v1/users/${segment(handle)}/password-reset`);
/** Your own password: the current one is required; your other sessions end. */
export const changeOwnPassword = (handle: string, currentPassword: string, password: string) =>
  patch<User>(`/api/v1/users/${segment(handle)}`, { currentPassword, password });

export const listTokens = () => get<List<Token>>('/api/v1/tokens').then(items);
export const createToken = (input: { name: string; scopes: Scope[]; expiresInDays?: number }) =>
  post<CreatedToken>('/api/v1/tokens', input);
export const revokeToken = (id: string) => del<unknown>(`/api/v1/tokens/${segment(id)}`);

/** Newest first; every filter given (and not empty) narrows the answer. */
export function listAudit(query: AuditListQuery): Promise<AuditEntry[]> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  return get<List<AuditEntry>>(`/api/v1/audit?${params}`).then(items);
}

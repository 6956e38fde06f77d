// The identity API as the portal calls it: sessions, people, teams, tokens and the audit log.
// Shapes come from the server's own schemas (@steward/steward/api), never redeclared here.
import type { AuditEntry, CreatedToken, Session, Team, TeamDetail, Token, User } from '@steward/steward/api';
import { del, get, post } from './http.ts';

export type { AuditEntry, CreatedToken, Session, Team, TeamDetail, Token, User };
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

export const listUsers = () => get<List<User>>('/api/v1/users').then(items);
export const fetchUser = (handle: string) => get<User>(`/api/v1/users/${segment(handle)}`);

export const listTokens = () => get<List<Token>>('/api/v1/tokens').then(items);
export const createToken = (input: { name: string; scopes: Scope[]; expiresInDays?: number }) =>
  post<CreatedToken>('/api/v1/tokens', input);
export const revokeToken = (id: string) => del<unknown>(`/api/v1/tokens/${segment(id)}`);

export function listAudit(query: { limit: number; before?: string }): Promise<AuditEntry[]> {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.before) params.set('before', query.before);
  return get<List<AuditEntry>>(`/api/v1/audit?${params}`).then(items);
}

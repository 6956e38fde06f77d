// Which open live-channel streams were opened with credentials that no longer hold: the live channel
// asks every few minutes, as a backstop to the notices identity sends when it ends credentials
// (and for what no notice announces: a session or token that expired). One query per kind of credential.
import type { Principal } from '../../platform/auth/principal.ts';
import type { CredentialCheck } from '../../platform/realtime/index.ts';
import type { Db } from './store.ts';
import type { UserRow } from './tables.ts';

interface Standing {
  ended: Date | null;
  expires: Date | null;
  user: Pick<UserRow, 'role' | 'disabled_at'>;
}

const chunk = 1000;

export function checkStreamCredentials(db: Db): CredentialCheck {
  return async (principals) => {
    const tokens = await tokenStandings(db, unique(principals.map((p) => p.tokenId)));
    const sessions = await sessionStandings(db, unique(principals.map((p) => p.sessionId)));
    const now = new Date();
    const stale = new Map<Principal, string>();
    for (const principal of principals) {
      // A principal with neither was made some other way (a test's authenticator): nothing to check.
      if (!principal.tokenId && !principal.sessionId) continue;
      const standing = principal.tokenId
        ? tokens.get(principal.tokenId)
        : sessions.get(principal.sessionId ?? '');
      const reason = whyEnded(principal, standing, now);
      if (reason) stale.set(principal, reason);
    }
    return stale;
  };
}

function whyEnded(principal: Principal, standing: Standing | undefined, now: Date): string | null {
  const what = principal.via === 'token' ? 'the token' : 'your session';
  if (!standing) return principal.via === 'token' ? 'the token is gone' : 'your session ended: sign in again';
  if (standing.ended) return `${what} was revoked`;
  if (standing.expires && standing.expires <= now) return `${what} expired`;
  if (standing.user.disabled_at) return `user ${principal.handle} is disabled`;
  if (standing.user.role !== principal.role) return `your role is now ${standing.user.role}: reconnect`;
  return null;
}

async function tokenStandings(db: Db, ids: string[]): Promise<Map<string, Standing>> {
  const standings = new Map<string, Standing>();
  for (let i = 0; i < ids.length; i += chunk) {
    const rows = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id',
        'api_tokens.revoked_at',
        'api_tokens.expires_at',
        'users.role',
        'users.disabled_at',
      ])
      .where('api_tokens.id', 'in', ids.slice(i, i + chunk))
      .execute();
    for (const row of rows) {
      standings.set(row.id, {
        ended: row.revoked_at,
        expires: row.expires_at,
        user: { role: row.role, disabled_at: row.disabled_at },
      });
    }
  }
  return standings;
}

async function sessionStandings(db: Db, ids: string[]): Promise<Map<string, Standing>> {
  const standings = new Map<string, Standing>();
  for (let i = 0; i < ids.length; i += chunk) {
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id_hash', 'sessions.expires_at', 'users.role', 'users.disabled_at'])
      .where('sessions.id_hash', 'in', ids.slice(i, i + chunk))
      .execute();
    for (const row of rows) {
      standings.set(row.id_hash, {
        ended: null,
        expires: row.expires_at,
        user: { role: row.role, disabled_at: row.disabled_at },
      });
    }
  }
  return standings;
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}

// Who is calling: an API token (`Authorization: Bearer stw_…`) or the portal's session cookie.
// Cookie-borne changes must echo the session's CSRF token; bearer calls need none.
import {
  type Authenticator,
  type Principal,
  type Scope,
  scopesForRole,
} from '../../platform/auth/principal.ts';
import { forbidden, unauthorised } from '../../platform/errors.ts';
import { findSessionByHash, findTokenByHash, touchToken } from './credential-store.ts';
import { hashSecret, sameSecret } from './secrets.ts';
import { keepSessionAlive, sessionCookieName, touchIntervalMs } from './sessions.ts';
import type { Db } from './store.ts';

export const csrfHeader = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

type Request = Parameters<Authenticator['authenticate']>[0];

export function createAuthenticator(db: Db): Authenticator {
  return {
    async authenticate(request) {
      const authorization = request.headers.authorization;
      if (authorization !== undefined) return bearerPrincipal(db, String(authorization));
      const cookie = request.cookies?.[sessionCookieName];
      if (cookie) return sessionPrincipal(db, cookie, request);
      return null;
    },
  };
}

async function bearerPrincipal(db: Db, authorization: string): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) {
    throw unauthorised(
      'the Authorization header must be `Bearer <token>`, with a token from POST /api/v1/tokens',
    );
  }
  const token = await findTokenByHash(db, hashSecret(match[1]));
  if (!token) {
    throw unauthorised('token not recognised: it is mistyped, or it was never issued by this Steward');
  }
  const now = new Date();
  if (token.revoked_at) {
    throw unauthorised(
      `token ${token.name} (${token.id}) was revoked at ${token.revoked_at.toISOString()}; create a new one`,
    );
  }
  if (token.expires_at && token.expires_at <= now) {
    throw unauthorised(
      `token ${token.name} (${token.id}) expired at ${token.expires_at.toISOString()}; create a new one`,
    );
  }
  assertEnabled(token.user);
  if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() >= touchIntervalMs) {
    await touchToken(db, token.id, now);
  }
  const roleScopes = scopesForRole[token.user.role];
  return {
    userId: token.user.id,
    handle: token.user.handle,
    name: token.user.name,
    role: token.user.role,
    // A token of someone since demoted keeps only what their current role allows.
    scopes: token.scopes.filter((s): s is Scope => roleScopes.includes(s)),
    teamIds: token.user.teamIds,
    teams: token.user.teams,
    via: 'token',
    tokenId: token.id,
  };
}

async function sessionPrincipal(db: Db, cookie: string, request: Request): Promise<Principal> {
  const session = await findSessionByHash(db, hashSecret(cookie));
  if (!session) throw unauthorised('your session is not recognised (signed out, or ended); sign in again');
  const now = new Date();
  if (session.expires_at <= now) {
    throw unauthorised(`your session expired at ${session.expires_at.toISOString()}; sign in again`);
  }
  assertEnabled(session.user);
  if (!safeMethods.has(request.method.toUpperCase())) {
    const given = request.headers[csrfHeader];
    if (typeof given !== 'string' || !sameSecret(given, session.csrf_token)) {
      throw forbidden(
        `changes made with the session cookie must send the ${csrfHeader} header with the csrfToken from sign-in or GET /api/v1/me`,
      );
    }
  }
  await keepSessionAlive(db, session, now);
  return {
    userId: session.user.id,
    handle: session.user.handle,
    name: session.user.name,
    role: session.user.role,
    scopes: scopesForRole[session.user.role],
    teamIds: session.user.teamIds,
    teams: session.user.teams,
    via: 'session',
    sessionId: session.id_hash,
  };
}

function assertEnabled(user: { handle: string; disabled_at: Date | null }): void {
  if (user.disabled_at) {
    throw unauthorised(`user ${user.handle} was disabled at ${user.disabled_at.toISOString()}; ask an admin`);
  }
}

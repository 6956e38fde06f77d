// Portal sessions: a random id in an HttpOnly cookie (stored only as its hash) and a CSRF token
// the portal echoes on every change. Sessions slide with use, up to a fixed maximum age.
import type { CookieSerializeOptions } from '@fastify/cookie';
import { deleteExpiredSessions, insertSession, touchSession } from './credential-store.ts';
import { hashSecret, newRandomSecret } from './secrets.ts';
import type { Db } from './store.ts';
import type { UserRow } from './tables.ts';

export const sessionCookieName = 'steward_session';
/** A session unused this long ends. */
export const sessionIdleMs = 12 * 60 * 60 * 1000;
/** No session outlives this, however busy. */
export const sessionMaxAgeMs = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at (and the sliding expiry) is written at most this often per session. */
export const touchIntervalMs = 60 * 1000;

export interface StartedSession {
  /** The cookie's value; only its hash is stored. */
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: Db, user: Pick<UserRow, 'id'>): Promise<StartedSession> {
  const now = new Date();
  const cookieValue = newRandomSecret();
  const csrfToken = newRandomSecret();
  const expiresAt = new Date(now.getTime() + sessionIdleMs);
  await deleteExpiredSessions(db, now);
  await insertSession(db, {
    id_hash: hashSecret(cookieValue),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    expires_at: expiresAt,
  });
  return { cookieValue, csrfToken, expiresAt };
}

/** Slides the expiry when the last write is older than the touch interval; cheap on most requests. */
export async function keepSessionAlive(
  db: Db,
  session: { id_hash: string; created_at: Date; last_seen_at: Date },
  now: Date,
): Promise<void> {
  if (now.getTime() - session.last_seen_at.getTime() < touchIntervalMs) return;
  const cap = session.created_at.getTime() + sessionMaxAgeMs;
  const expiresAt = new Date(Math.min(now.getTime() + sessionIdleMs, cap));
  await touchSession(db, session.id_hash, now, expiresAt);
}

export function sessionCookieOptions(secure: boolean): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    // The browser may keep it up to the maximum age; the server decides when it really ends.
    maxAge: Math.floor(sessionMaxAgeMs / 1000),
  };
}

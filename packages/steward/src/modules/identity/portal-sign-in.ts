// Signing in to and out of the portal: the throttle first, then the password, then the session; each
// sign-in, failed sign-in and sign-out audited with the client's address (never the password).
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { StewardError } from '../../platform/errors.ts';
import type { IdentityContext } from './context.ts';
import { deleteSession } from './credential-store.ts';
import { hashSecret } from './secrets.ts';
import { createSession, type StartedSession } from './sessions.ts';
import type { PasswordCredentials } from './sign-in.ts';
import type { SignInAttempt } from './sign-in-throttle.ts';
import { type Db, findUserByHandle } from './store.ts';
import type { UserRow } from './tables.ts';

const method = 'password';

export async function signInWithPassword(
  ctx: IdentityContext,
  credentials: PasswordCredentials,
  address: string,
): Promise<{ user: UserRow; session: StartedSession }> {
  const attempt = await ctx.throttle.attempt(credentials.handle, address);
  let user: UserRow;
  try {
    user = await ctx.passwordCheck.verifyCredentials(credentials);
  } catch (error) {
    if (error instanceof StewardError && error.kind === 'unauthorised') {
      await auditFailure(ctx, credentials.handle, address, attempt);
    }
    throw error;
  }
  await attempt.succeeded();
  const session = await ctx.db.transaction().execute(async (trx) => {
    const started = await createSession(trx, user);
    await recordAudit(trx, {
      actor: user.handle,
      action: 'auth.sign-in',
      subjectType: 'user',
      subjectId: user.handle,
      after: { method, address, outcome: 'signed in' },
    });
    return started;
  });
  return { user, session };
}

/**
 * The entry names the person only when the handle is one: whatever else was typed as a handle stays out
 * of a log every signed-in user can read (people type their password there by mistake).
 */
async function auditFailure(ctx: IdentityContext, handle: string, address: string, attempt: SignInAttempt) {
  const user = await findUserByHandle(ctx.db, handle);
  const outcome = !user
    ? 'no such user'
    : user.disabled_at
      ? 'user is disabled'
      : !user.password_hash
        ? 'user has no password'
        : 'wrong password';
  const refused = attempt.filled.map((f) => ({ budget: f.budget, until: f.until.toISOString() }));
  await recordAudit(ctx.db, {
    actor: 'anonymous',
    action: 'auth.sign-in-failed',
    subjectType: 'user',
    subjectId: user?.handle ?? '(unknown)',
    after: { method, address, outcome, ...(refused.length > 0 ? { refusedUntil: refused } : {}) },
  });
  if (refused.length > 0) {
    ctx.logger.warn(
      { handle: user?.handle ?? '(unknown)', address, refused },
      'sign-ins refused for a while after too many failures',
    );
  }
}

/** Ends the session of the cookie, if it is one, and closes the streams opened with it. */
export async function signOut(ctx: IdentityContext, cookieValue: string, address: string): Promise<void> {
  const idHash = hashSecret(cookieValue);
  const ended = await ctx.db.transaction().execute(async (trx) => {
    const userId = await deleteSession(trx, idHash);
    if (!userId) return false;
    await auditSignOut(trx, userId, address);
    return true;
  });
  if (ended) await ctx.endStreams([{ sessionId: idHash }], 'signed out: sign in again');
}

async function auditSignOut(trx: Db, userId: string, address: string): Promise<void> {
  const user = await trx.selectFrom('users').select('handle').where('id', '=', userId).executeTakeFirst();
  const handle = user?.handle ?? userId;
  await recordAudit(trx, {
    actor: handle,
    action: 'auth.sign-out',
    subjectType: 'user',
    subjectId: handle,
    after: { address },
  });
}

// What a change to a person ends, besides the change itself.
//
// A password changed by its owner: they give the current one first (a session left open or a token
// that leaked must not be enough to take the account over for good), checked under the sign-in
// throttle so it cannot be guessed here instead; their other portal sessions end. Their API tokens
// stay: they are credentials of their own, made and revoked one by one (as GitHub keeps personal
// access tokens over a password change), and a pipeline's token should not break because its owner
// changed their password. Revoking them is one call each when the owner fears a leak.
//
// A password set by an admin for someone else is a reset: the password was forgotten, or someone
// else may know it. Nothing is asked; every session ends and every API token is revoked (whoever knew
// the password could have made tokens with it), and the failed sign-ins counted for the handle are
// forgotten, so its owner can sign in with the new one at once.
//
// Disabling a person ends their sessions (their tokens stop working while disabled); a new role
// closes their streams, which reconnect with what the role now allows.
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { forbidden, invalid, StewardError } from '../../platform/errors.ts';
import type { StreamSelector } from '../../platform/realtime/index.ts';
import type { IdentityContext } from './context.ts';
import { deleteSessionsOfUser, listTokenRows, revokeTokenRow } from './credential-store.ts';
import { type Db, findUserByHandle, type UserPatch } from './store.ts';
import type { UserRow } from './tables.ts';
import { tokenSnapshot } from './views.ts';

export interface PasswordChange {
  password?: string | undefined;
  currentPassword?: string | undefined;
}

/** Checks the current password when people change their own; admins resetting another's need none. */
export async function assertMayChangePassword(
  ctx: IdentityContext,
  caller: Principal,
  handle: string,
  change: PasswordChange,
  address: string,
): Promise<void> {
  if (change.currentPassword !== undefined && change.password === undefined) {
    const message = 'is only read alongside password, to change it';
    throw invalid(`body.currentPassword ${message}`, [{ field: 'body.currentPassword', message }]);
  }
  if (change.password === undefined || caller.handle !== handle) return;
  const user = await findUserByHandle(ctx.db, handle);
  // Someone signed in by token who never had a password has none to give.
  if (!user?.password_hash) return;
  if (change.currentPassword === undefined) {
    const message = 'is required to change your own password: send your current password with the new one';
    throw invalid(`body.currentPassword ${message}`, [{ field: 'body.currentPassword', message }]);
  }
  const attempt = await ctx.throttle.attempt(handle, address);
  try {
    await ctx.passwordCheck.verifyCredentials({ handle, password: change.currentPassword });
  } catch (error) {
    if (error instanceof StewardError && error.kind === 'unauthorised') {
      throw forbidden('body.currentPassword is not your current password; the password was not changed');
    }
    throw error;
  }
  await attempt.succeeded();
}

export interface Ending {
  selectors: StreamSelector[];
  reason: string;
  /** An admin reset the password: the handle's failed sign-ins are forgotten. */
  reset: boolean;
}

/** Ends sessions and tokens in the change's transaction; answers which streams to close after commit. */
export async function endCredentials(
  trx: Db,
  caller: Principal,
  before: UserRow,
  patch: UserPatch,
): Promise<Ending | null> {
  const all = [{ userId: before.id }];
  if (patch.disabled_at) {
    await deleteSessionsOfUser(trx, before.id);
    return { selectors: all, reason: `user ${before.handle} was disabled`, reset: false };
  }
  const roleChanged = patch.role ? `your role is now ${patch.role}: reconnect` : null;
  if (patch.password_hash && caller.userId === before.id) {
    await deleteSessionsOfUser(trx, before.id, caller.sessionId);
    const sessions = { userId: before.id, via: 'session' as const };
    const others = caller.sessionId ? { ...sessions, exceptSessionId: caller.sessionId } : sessions;
    return {
      selectors: roleChanged ? all : [others],
      reason: roleChanged ?? 'your password changed: sign in again',
      reset: false,
    };
  }
  if (patch.password_hash) {
    await deleteSessionsOfUser(trx, before.id);
    await revokeTokensOfUser(trx, caller.handle, before.id, 'password reset by an admin');
    return { selectors: all, reason: 'an admin reset your password: sign in again', reset: true };
  }
  return roleChanged ? { selectors: all, reason: roleChanged, reset: false } : null;
}

/** Revokes every token of a user still in use, each audited; answers how many. Run in the change's transaction. */
export async function revokeTokensOfUser(
  trx: Db,
  actor: string,
  userId: string,
  why: string,
): Promise<number> {
  const live = (await listTokenRows(trx, userId)).filter((row) => !row.revoked_at);
  const at = new Date();
  for (const before of live) {
    await revokeTokenRow(trx, before.id, at);
    await recordAudit(trx, {
      actor,
      action: 'token.revoke',
      subjectType: 'token',
      subjectId: before.id,
      before: tokenSnapshot(before),
      after: { ...tokenSnapshot({ ...before, revoked_at: at }), why },
    });
  }
  return live.length;
}

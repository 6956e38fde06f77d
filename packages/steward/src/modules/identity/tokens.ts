// API tokens: issued with their secret shown once, listed, revoked. A token never carries more
// than its owner's role allows, nor more than the credential that created it.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { type Principal, type Scope, scopesForRole } from '../../platform/auth/principal.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { actsAsAdmin } from './access.ts';
import type { IdentityContext } from './context.ts';
import { findTokenById, insertToken, listTokenRows, revokeTokenRow } from './credential-store.ts';
import type { CreatedToken, Token } from './schemas.ts';
import { hashSecret, newTokenSecret } from './secrets.ts';
import type { Db } from './store.ts';
import type { UserRow } from './tables.ts';
import { requireUser } from './users-service.ts';
import { tokenSnapshot, toToken } from './views.ts';

export interface NewToken {
  name: string;
  scopes: Scope[];
  expiresInDays?: number | undefined;
  owner?: string | undefined;
}

const dayMs = 24 * 60 * 60 * 1000;

export async function listTokens(db: Db, caller: Principal): Promise<Token[]> {
  const rows = await listTokenRows(db, actsAsAdmin(caller) ? null : caller.userId);
  return rows.map(toToken);
}

export async function createToken(db: Db, caller: Principal, input: NewToken): Promise<CreatedToken> {
  return db.transaction().execute(async (trx) => {
    const ownerHandle = input.owner ?? caller.handle;
    if (ownerHandle !== caller.handle && !actsAsAdmin(caller)) {
      throw forbidden(`only admins may create tokens for another user; leave owner out to create your own`);
    }
    const owner = await requireUser(trx, ownerHandle);
    const scopes = [...new Set(input.scopes)];
    assertScopesAllowed(caller, owner, scopes);
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * dayMs) : null;
    return issueToken(trx, caller.handle, owner, { name: input.name, scopes, expiresAt });
  });
}

function assertScopesAllowed(caller: Principal, owner: UserRow, scopes: Scope[]): void {
  const ownerMay = scopesForRole[owner.role];
  const beyondRole = scopes.filter((s) => !ownerMay.includes(s));
  if (beyondRole.length > 0) {
    throw invalid(
      `${owner.handle} is a ${owner.role}, whose tokens may have ${ownerMay.join(', ')} but not ${beyondRole.join(', ')}`,
      [{ field: 'body.scopes', message: `must be among ${ownerMay.join(', ')}` }],
    );
  }
  const beyondCaller = scopes.filter((s) => !caller.scopes.includes(s));
  if (beyondCaller.length > 0) {
    throw forbidden(
      `the credential you are using has ${caller.scopes.join(', ')}; it cannot create a token with ${beyondCaller.join(', ')}`,
    );
  }
}

/** Stores a new token and audits it; the answer holds the secret, which is never stored. */
export async function issueToken(
  trx: Db,
  actor: string,
  owner: UserRow,
  token: { name: string; scopes: Scope[]; expiresAt: Date | null },
): Promise<CreatedToken> {
  const secret = newTokenSecret();
  const id = randomUUID();
  await insertToken(trx, {
    id,
    user_id: owner.id,
    name: token.name,
    scopes: token.scopes,
    token_hash: hashSecret(secret),
    expires_at: token.expiresAt,
    revoked_at: null,
    last_used_at: null,
  });
  const row = await findTokenById(trx, id);
  if (!row) throw new Error(`token ${id} vanished right after it was stored`);
  await recordAudit(trx, {
    actor,
    action: 'token.create',
    subjectType: 'token',
    subjectId: id,
    after: tokenSnapshot(row),
  });
  return { ...toToken(row), secret };
}

/**
 * Revokes at once, and closes the live-channel streams opened with the token, on every process;
 * revoking a revoked token changes nothing and answers it as it is.
 */
export async function revokeToken(
  ctx: Pick<IdentityContext, 'db' | 'endStreams'>,
  caller: Principal,
  id: string,
): Promise<Token> {
  const token = await ctx.db.transaction().execute(async (trx) => {
    const before = await findTokenById(trx, id);
    if (!before) throw notFound(`no token with id ${JSON.stringify(id)}; GET /api/v1/tokens lists yours`);
    if (before.user_id !== caller.userId && !actsAsAdmin(caller)) {
      throw forbidden(`token ${id} belongs to ${before.owner}; only its owner or an admin may revoke it`);
    }
    if (before.revoked_at) return toToken(before);
    const at = new Date();
    await revokeTokenRow(trx, id, at);
    const after = { ...before, revoked_at: at };
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'token.revoke',
      subjectType: 'token',
      subjectId: id,
      before: tokenSnapshot(before),
      after: tokenSnapshot(after),
    });
    return toToken(after);
  });
  await ctx.endStreams([{ tokenId: id }], `token ${token.name} was revoked: use another token`);
  return token;
}

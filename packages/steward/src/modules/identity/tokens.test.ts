import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import type { IdentityTables } from './tables.ts';

describeEachEngine('API tokens', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  const kysely = () => db().kysely<IdentityTables>();

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  const create = (token: string, body: object) => steward.call('POST', '/api/v1/tokens', { token, body });
  const me = (token: string) => steward.call('GET', '/api/v1/me', { token });

  it('issues a recognisable secret once and stores only its SHA-256', async () => {
    const response = await create(org.tokens.member, { name: 'ci', scopes: ['read'] });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created.secret).toMatch(/^stw_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'ci', owner: 'mia', scopes: ['read'], revokedAt: null });
    const row = await kysely()
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(created.secret).digest('hex'));
    const listed = (await steward.call('GET', '/api/v1/tokens', { token: org.tokens.member })).json();
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(listed.items.map((t: { id: string }) => t.id)).toContain(created.id);
    expect((await me(created.secret)).json().user.handle).toBe('mia');
  });

  it('answers an unknown token, a malformed header, a revoked and an expired token differently', async () => {
    const unknown = await me('stw_not-a-real-token');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toMatch(/^token not recognised/);

    const malformed = await steward.call('GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } });
    expect(malformed.statusCode).toBe(401);
    expect(malformed.json().detail).toContain('Bearer <token>');

    const revokable = (await create(org.tokens.member, { name: 'to revoke', scopes: ['read'] })).json();
    const revoked = await steward.call('DELETE', `/api/v1/tokens/${revokable.id}`, {
      token: org.tokens.member,
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const afterRevoke = await me(revokable.secret);
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.json().detail).toBe(
      `token to revoke (${revokable.id}) was revoked at ${revoked.json().revokedAt}; create a new one`,
    );

    const expiring = (
      await create(org.tokens.member, { name: 'short', scopes: ['read'], expiresInDays: 1 })
    ).json();
    expect(Date.parse(expiring.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect((await me(expiring.secret)).statusCode).toBe(200);
    const expiredAt = new Date(Date.now() - 1000);
    await kysely()
      .updateTable('api_tokens')
      .set({ expires_at: expiredAt })
      .where('id', '=', expiring.id)
      .execute();
    const afterExpiry = await me(expiring.secret);
    expect(afterExpiry.statusCode).toBe(401);
    expect(afterExpiry.json().detail).toBe(
      `token short (${expiring.id}) expired at ${expiredAt.toISOString()}; create a new one`,
    );
  });

  it('records last use at most once a minute', async () => {
    const token = (await create(org.tokens.member, { name: 'usage', scopes: ['read'] })).json();
    const lastUsed = async () =>
      (
        await kysely()
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', token.id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    expect(await lastUsed()).toBeNull();
    await me(token.secret);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await me(token.secret);
    expect((await lastUsed())?.getTime()).toBe(first?.getTime());
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await kysely()
      .updateTable('api_tokens')
      .set({ last_used_at: twoMinutesAgo })
      .where('id', '=', token.id)
      .execute();
    await me(token.secret);
    expect((await lastUsed())?.getTime()).toBeGreaterThan(twoMinutesAgo.getTime());
  });

  it("never grants more than the owner's role or the creating credential", async () => {
    const viewerWrite = await create(org.tokens.viewer, { name: 'x', scopes: ['write'] });
    expect(viewerWrite.statusCode).toBe(400);
    expect(viewerWrite.json().detail).toContain('vera is a viewer');
    const memberAdmin = await create(org.tokens.member, { name: 'x', scopes: ['admin'] });
    expect(memberAdmin.statusCode).toBe(400);
    const readMintsWrite = await create(org.tokens.adminRead, { name: 'x', scopes: ['read', 'write'] });
    expect(readMintsWrite.statusCode).toBe(403);
    expect(readMintsWrite.json().detail).toContain('cannot create a token with write');
    const forOther = await create(org.tokens.member, { name: 'x', scopes: ['read'], owner: 'noah' });
    expect(forOther.statusCode).toBe(403);
    const adminForOther = await create(org.tokens.admin, { name: 'x', scopes: ['read'], owner: 'noah' });
    expect(adminForOther.statusCode).toBe(201);
    expect(adminForOther.json().owner).toBe('noah');
  });

  it('lets owners and admins revoke, nobody else', async () => {
    const token = (await create(org.tokens.admin, { name: 'sams', scopes: ['read'], owner: 'sam' })).json();
    const byOther = await steward.call('DELETE', `/api/v1/tokens/${token.id}`, { token: org.tokens.member });
    expect(byOther.statusCode).toBe(403);
    expect(byOther.json().detail).toContain('belongs to sam');
    expect((await me(token.secret)).statusCode).toBe(200);
    const missing = await steward.call('DELETE', '/api/v1/tokens/no-such-id', { token: org.tokens.admin });
    expect(missing.statusCode).toBe(404);
    const byAdmin = await steward.call('DELETE', `/api/v1/tokens/${token.id}`, { token: org.tokens.admin });
    expect(byAdmin.statusCode).toBe(200);
    const again = await steward.call('DELETE', `/api/v1/tokens/${token.id}`, { token: org.tokens.admin });
    expect(again.json().revokedAt).toBe(byAdmin.json().revokedAt);
  });

  it("lists only one's own tokens, or everyone's for an admin-scoped credential", async () => {
    const owners = async (token: string) =>
      new Set(
        (await steward.call('GET', '/api/v1/tokens', { token }))
          .json()
          .items.map((t: { owner: string }) => t.owner),
      );
    expect(await owners(org.tokens.teammate)).toEqual(new Set(['noah']));
    expect(await owners(org.tokens.adminRead)).toEqual(new Set(['admin']));
    const all = await owners(org.tokens.admin);
    for (const handle of ['admin', 'mia', 'noah', 'vera', 'otto', 'sam']) expect(all).toContain(handle);
  });

  it('stops every token of a disabled user, and starts them again when re-enabled', async () => {
    const disable = await steward.call('PATCH', '/api/v1/users/otto', {
      token: org.tokens.admin,
      body: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().disabledAt).not.toBeNull();
    const refused = await me(org.tokens.outsider);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().detail).toContain('user otto was disabled');
    await steward.call('PATCH', '/api/v1/users/otto', { token: org.tokens.admin, body: { disabled: false } });
    expect((await me(org.tokens.outsider)).statusCode).toBe(200);
  });

  it("narrows the scopes of a demoted user's existing tokens to the new role", async () => {
    const token = (
      await create(org.tokens.admin, { name: 'w', scopes: ['read', 'write'], owner: 'sam' })
    ).json();
    await steward.call('PATCH', '/api/v1/users/sam', { token: org.tokens.admin, body: { role: 'viewer' } });
    const write = await steward.call('PATCH', '/api/v1/users/sam', {
      token: token.secret,
      body: { name: 'Sam' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().detail).toContain('viewers may read');
    await steward.call('PATCH', '/api/v1/users/sam', { token: org.tokens.admin, body: { role: 'member' } });
  });
});

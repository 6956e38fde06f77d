import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  miaPassword,
  type SeededOrg,
  seedOrg,
  startTestSteward,
  type TestSteward,
} from '../../server/test-steward.ts';
import { hashSecret } from './secrets.ts';
import type { IdentityTables } from './tables.ts';

describeEachEngine('portal sessions', ({ db }) => {
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

  async function login(handle = 'mia', password = miaPassword) {
    const response = await steward.call('POST', '/api/v1/auth/login', { body: { handle, password } });
    const setCookie = String(response.headers['set-cookie'] ?? '');
    const cookie = /steward_session=([^;]+)/.exec(setCookie)?.[1];
    return { response, setCookie, cookie, csrf: response.json().csrfToken as string };
  }

  it('signs in with handle and password: an HttpOnly, SameSite=Lax cookie on / and the CSRF token', async () => {
    const { response, setCookie, cookie, csrf } = await login();
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ handle: 'mia', role: 'member', teams: ['payments'] });
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here
    // Only the hash of the cookie is stored.
    const stored = await kysely().selectFrom('sessions').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash)).toContain(hashSecret(cookie as string));
    expect(stored.map((s) => s.id_hash)).not.toContain(cookie);
  });

  it('marks the cookie Secure when a trusted proxy says the request came over https', async () => {
    const viaProxy = (app: TestSteward, proto: string, from = '127.0.0.1') =>
      app.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: from,
        headers: { 'x-forwarded-proto': proto, 'x-forwarded-for': '203.0.113.9' },
        payload: { handle: 'mia', password: miaPassword },
      });
    const setCookie = (response: { headers: Record<string, unknown> }) =>
      String(response.headers['set-cookie'] ?? '');
    // Without a trusted proxy, anyone can send the header: it is ignored.
    const untrusted = await viaProxy(steward, 'https');
    expect(untrusted.statusCode).toBe(200);
    expect(setCookie(untrusted)).not.toMatch(/Secure/i);
    const trusting = await startTestSteward(db(), { trustProxy: ['127.0.0.1'] });
    try {
      const secure = await viaProxy(trusting, 'https');
      expect(secure.statusCode).toBe(200);
      expect(setCookie(secure)).toMatch(/;\s*Secure/i);
      expect(setCookie(await viaProxy(trusting, 'http'))).not.toMatch(/Secure/i);
      // The header counts only from the proxy the setting names.
      expect(setCookie(await viaProxy(trusting, 'https', '198.51.100.1'))).not.toMatch(/Secure/i);
      // Signing out clears the cookie with the same attributes, or browsers keep the Secure one.
      const cookie = /steward_session=([^;]+)/.exec(setCookie(secure))?.[1];
      const out = await trusting.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { 'x-forwarded-proto': 'https', cookie: `steward_session=${cookie}` },
        payload: {},
      });
      expect(setCookie(out)).toMatch(/steward_session=;.*Secure/i);
    } finally {
      await trusting.close();
    }
  });

  it('answers a wrong password and an unknown handle the same way, naming neither', async () => {
    const wrongPassword = await login('mia', 'not the password');
    const unknownHandle = await login('nobody-here', miaPassword);
    const noPassword = await login('noah', miaPassword);
    for (const attempt of [wrongPassword, unknownHandle, noPassword]) {
      expect(attempt.response.statusCode).toBe(401);
      expect(attempt.setCookie).toBe('');
    }
    expect(unknownHandle.response.json().detail).toBe(wrongPassword.response.json().detail);
    expect(noPassword.response.json().detail).toBe(wrongPassword.response.json().detail);
    expect(wrongPassword.response.json().detail).toBe('sign-in failed: the handle or the password is wrong');
  });

  it('answers GET /me with the user and the session CSRF token', async () => {
    const { cookie, csrf } = await login();
    const me = await steward.call('GET', '/api/v1/me', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { handle: 'mia' }, csrfToken: csrf });
    const viaToken = await steward.call('GET', '/api/v1/me', { token: org.tokens.member });
    expect(viaToken.json()).toMatchObject({ user: { handle: 'mia' }, csrfToken: null });
  });

  it('requires x-csrf-token on changes made with the cookie, and not on bearer calls', async () => {
    const { cookie, csrf } = await login();
    const body = { description: 'Takes the money' };
    const missing = await steward.call('PATCH', '/api/v1/teams/payments', { cookie, body });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().detail).toContain('x-csrf-token');
    const wrong = await steward.call('PATCH', '/api/v1/teams/payments', { cookie, body, csrf: `${csrf}x` });
    expect(wrong.statusCode).toBe(403);
    const right = await steward.call('PATCH', '/api/v1/teams/payments', { cookie, body, csrf });
    expect(right.statusCode).toBe(200);
    const bearer = await steward.call('PATCH', '/api/v1/teams/payments', { token: org.tokens.member, body });
    expect(bearer.statusCode).toBe(200);
    // Reads need no CSRF token.
    expect((await steward.call('GET', '/api/v1/teams', { cookie })).statusCode).toBe(200);
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const { cookie, csrf } = await login();
    const out = await steward.call('POST', '/api/v1/auth/logout', { cookie, csrf, body: {} });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /steward_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/,
    );
    const after = await steward.call('GET', '/api/v1/me', { cookie });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('sign in again');
    // Signing out twice, or with no session at all, still answers 204.
    expect((await steward.call('POST', '/api/v1/auth/logout', { cookie })).statusCode).toBe(204);
  });

  it('refuses an expired session, saying when it expired', async () => {
    const { cookie } = await login();
    const expiredAt = new Date(Date.now() - 60_000);
    await kysely()
      .updateTable('sessions')
      .set({ expires_at: expiredAt })
      .where('id_hash', '=', hashSecret(cookie as string))
      .execute();
    const response = await steward.call('GET', '/api/v1/me', { cookie });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe(`your session expired at ${expiredAt.toISOString()}; sign in again`);
  });

  it('slides the expiry with use, writing at most once a minute', async () => {
    const { cookie } = await login();
    const where = hashSecret(cookie as string);
    const read = () =>
      kysely().selectFrom('sessions').selectAll().where('id_hash', '=', where).executeTakeFirstOrThrow();
    const first = await read();
    await steward.call('GET', '/api/v1/me', { cookie });
    expect((await read()).last_seen_at.getTime()).toBe(first.last_seen_at.getTime());
    const longAgo = new Date(Date.now() - 5 * 60_000);
    await kysely()
      .updateTable('sessions')
      .set({ last_seen_at: longAgo })
      .where('id_hash', '=', where)
      .execute();
    await steward.call('GET', '/api/v1/me', { cookie });
    const touched = await read();
    expect(touched.last_seen_at.getTime()).toBeGreaterThan(longAgo.getTime());
    expect(touched.expires_at.getTime()).toBeGreaterThanOrEqual(first.expires_at.getTime());
  });

  it('ends other sessions when a password changes, keeping the one that changed it', async () => {
    const a = await login();
    const b = await login();
    const changed = await steward.call('PATCH', '/api/v1/users/mia', {
      cookie: a.cookie,
      csrf: a.csrf,
      body: { password: 'an entirely new passphrase', currentPassword: miaPassword },
    });
    expect(changed.statusCode).toBe(200);
    expect((await steward.call('GET', '/api/v1/me', { cookie: a.cookie })).statusCode).toBe(200);
    expect((await steward.call('GET', '/api/v1/me', { cookie: b.cookie })).statusCode).toBe(401);
    expect((await login('mia', miaPassword)).response.statusCode).toBe(401);
    expect((await login('mia', 'an entirely new passphrase')).response.statusCode).toBe(200);
  });
});

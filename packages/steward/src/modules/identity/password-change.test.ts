import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditEntry } from '../../platform/audit/schemas.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  miaPassword,
  type SeededOrg,
  seedOrg,
  startTestSteward,
  type TestSteward,
} from '../../server/test-steward.ts';

describeEachEngine('changing a password', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  async function signIn(handle: string, password: string, from = '127.0.0.1') {
    const response = await steward.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: from,
      payload: { handle, password },
    });
    const cookie = response.cookies.find((c) => c.name === 'steward_session')?.value;
    return { status: response.statusCode, cookie, csrf: response.json().csrfToken as string };
  }
  const me = async (credentials: { cookie?: string; token?: string }) =>
    (await steward.call('GET', '/api/v1/me', credentials)).statusCode;
  const patch = (
    handle: string,
    body: object,
    credentials: { token?: string; cookie?: string; csrf?: string },
  ) => steward.call('PATCH', `/api/v1/users/${handle}`, { ...credentials, body });

  it('asks people for their current password, and changes nothing without the right one', async () => {
    const missing = await patch('mia', { password: 'a whole new passphrase' }, { token: org.tokens.member });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      {
        field: 'body.currentPassword',
        message: expect.stringContaining('required to change your own password'),
      },
    ]);
    const wrong = await patch(
      'mia',
      { password: 'a whole new passphrase', currentPassword: 'not it at all' },
      { token: org.tokens.member },
    );
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().detail).toBe(
      'body.currentPassword is not your current password; the password was not changed',
    );
    const alone = await patch('mia', { currentPassword: miaPassword }, { token: org.tokens.member });
    expect(alone.statusCode).toBe(400);
    expect((await signIn('mia', miaPassword)).status).toBe(200);
  });

  it('ends the other sessions on a change by its owner, and keeps their API tokens', async () => {
    const here = await signIn('mia', miaPassword);
    const elsewhere = await signIn('mia', miaPassword, '192.0.2.40');
    const changed = await patch(
      'mia',
      { password: 'mia second passphrase', currentPassword: miaPassword },
      { cookie: here.cookie, csrf: here.csrf },
    );
    expect(changed.statusCode).toBe(200);
    expect(await me({ cookie: here.cookie })).toBe(200);
    expect(await me({ cookie: elsewhere.cookie })).toBe(401);
    expect(await me({ token: org.tokens.member })).toBe(200);
    expect((await signIn('mia', 'mia second passphrase')).status).toBe(200);
  });

  it('cannot be used to guess the password: wrong current passwords are throttled like sign-ins', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) {
      const attempt = await patch(
        'mia',
        { password: 'mia third passphrase', currentPassword: `guess number ${i}` },
        { token: org.tokens.member },
      );
      answers.push(attempt.statusCode);
    }
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(403));
    expect(answers.slice(10)).toEqual([429, 429]);
  });

  it('lets someone who never had a password set one without a current one', async () => {
    const set = await patch('noah', { password: 'noah first passphrase' }, { token: org.tokens.teammate });
    expect(set.statusCode).toBe(200);
    expect((await signIn('noah', 'noah first passphrase')).status).toBe(200);
  });

  it('is a reset when an admin sets it: every session ends, every token is revoked, failures are forgotten', async () => {
    const session = await signIn('noah', 'noah first passphrase');
    const extra = await steward.call('POST', '/api/v1/tokens', {
      token: org.tokens.teammate,
      body: { name: 'noah ci', scopes: ['read'] },
    });
    // Someone has been guessing from one address until it was refused.
    for (let i = 0; i < 10; i++) expect((await signIn('noah', `guess ${i}`, '192.0.2.50')).status).toBe(401);
    expect((await signIn('noah', 'noah first passphrase', '192.0.2.50')).status).toBe(429);

    const reset = await patch('noah', { password: 'noah reset passphrase' }, { token: org.tokens.admin });
    expect(reset.statusCode).toBe(200);
    expect(await me({ cookie: session.cookie })).toBe(401);
    for (const token of [org.tokens.teammate, extra.json().secret]) {
      const refused = await steward.call('GET', '/api/v1/me', { token });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().detail).toContain('was revoked');
    }
    expect((await signIn('noah', 'noah reset passphrase', '192.0.2.50')).status).toBe(200);
    const audit = await steward.call('GET', '/api/v1/audit?limit=50&subjectType=token', {
      token: org.tokens.adminRead,
    });
    const revoked = (audit.json().items as AuditEntry[]).filter(
      (e) =>
        e.action === 'token.revoke' && (e.after as { why?: string }).why === 'password reset by an admin',
    );
    // noah's token from the seeded organisation, and the one he made himself.
    expect(revoked).toHaveLength(2);
    expect(revoked.map((e) => e.subjectId)).toContain(extra.json().id);
    expect(revoked.every((e) => e.actor === 'admin')).toBe(true);
  });
});

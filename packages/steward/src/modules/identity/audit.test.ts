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

describeEachEngine('audit of identity changes', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  async function audit(query = '', token = org.tokens.adminRead): Promise<AuditEntry[]> {
    const response = await steward.call('GET', `/api/v1/audit?limit=500${query}`, { token });
    expect(response.statusCode).toBe(200);
    return response.json().items;
  }
  const latest = async (action: string) => (await audit()).find((e) => e.action === action);

  it('records the first admin, and the seeded teams, people and memberships with their actor', async () => {
    const entries = await audit();
    expect(
      entries
        .filter((e) => e.actor === 'system:first-start')
        .map((e) => e.action)
        .sort(),
    ).toEqual(['token.create', 'user.create']);
    const payments = entries.find((e) => e.action === 'team.create' && e.subjectId === 'payments');
    expect(payments).toMatchObject({
      actor: 'admin',
      subjectType: 'team',
      before: null,
      after: { name: 'payments', displayName: 'Payments', description: null, parent: 'platform' },
    });
    const lead = entries.find((e) => e.action === 'membership.set' && e.subjectId === 'payments/mia');
    expect(lead).toMatchObject({ before: null, after: { team: 'payments', handle: 'mia', role: 'lead' } });
  });

  it('records a team edit with the state before and after', async () => {
    await steward.call('PATCH', '/api/v1/teams/search', {
      token: org.tokens.outsider,
      body: { description: 'Finds things', parent: 'platform' },
    });
    expect(await latest('team.update')).toMatchObject({
      actor: 'otto',
      subjectId: 'search',
      before: { name: 'search', description: null, parent: null },
      after: { name: 'search', description: 'Finds things', parent: 'platform' },
    });
  });

  it('records a membership change and removal', async () => {
    await steward.call('PUT', '/api/v1/teams/payments/members/noah', {
      token: org.tokens.member,
      body: { role: 'lead' },
    });
    expect(await latest('membership.set')).toMatchObject({
      actor: 'mia',
      subjectType: 'membership',
      subjectId: 'payments/noah',
      before: { role: 'member' },
      after: { role: 'lead' },
    });
    await steward.call('DELETE', '/api/v1/teams/payments/members/noah', { token: org.tokens.member });
    expect(await latest('membership.remove')).toMatchObject({ before: { role: 'lead' }, after: null });
  });

  it('records token creation and revocation without the secret or its hash', async () => {
    const created = (
      await steward.call('POST', '/api/v1/tokens', {
        token: org.tokens.member,
        body: { name: 'deploy', scopes: ['read'] },
      })
    ).json();
    await steward.call('DELETE', `/api/v1/tokens/${created.id}`, { token: org.tokens.member });
    const revoke = await latest('token.revoke');
    expect(revoke).toMatchObject({
      actor: 'mia',
      subjectId: created.id,
      before: { name: 'deploy', owner: 'mia', scopes: ['read'], revokedAt: null },
    });
    expect((revoke?.after as { revokedAt?: string } | undefined)?.revokedAt).toMatch(/^\d{4}-/);
    const everything = JSON.stringify(await audit());
    expect(everything).not.toContain(created.secret);
    expect(everything).not.toContain(created.secret.slice(4));
  });

  it('records a password change as a fact, never the password or its hash', async () => {
    await steward.call('PATCH', '/api/v1/users/mia', {
      token: org.tokens.member,
      body: { password: 'a brand new secret', currentPassword: miaPassword },
    });
    const entry = await latest('user.update');
    expect(entry).toMatchObject({
      actor: 'mia',
      subjectId: 'mia',
      after: { passwordChanged: true, hasPassword: true },
    });
    const everything = JSON.stringify(await audit());
    expect(everything).not.toContain('a brand new secret');
    expect(everything).not.toContain(miaPassword);
    expect(everything).not.toContain('scrypt$');
  });

  it('records sign-ins, failed ones and sign-outs with the address, never a password or a mistyped handle', async () => {
    const login = (handle: string, password: string) =>
      steward.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '192.0.2.77',
        payload: { handle, password },
      });
    expect((await login('otto', 'otto has no password')).statusCode).toBe(401);
    expect((await login('my secret passphrase', miaPassword)).statusCode).toBe(401);
    const signedIn = await login('mia', 'a brand new secret');
    expect(signedIn.statusCode).toBe(200);
    const cookie = signedIn.cookies.find((c) => c.name === 'steward_session')?.value;
    await steward.call('POST', '/api/v1/auth/logout', { cookie, body: {} });
    const signIns = async (token: string) =>
      (await audit('', token)).filter((e) => e.action.startsWith('auth.')).reverse();
    const entries = await signIns(org.tokens.adminRead);
    expect(
      entries.map((e) => [e.action, e.actor, e.subjectId, (e.after as { outcome?: string }).outcome]),
    ).toEqual([
      ['auth.sign-in-failed', 'anonymous', 'otto', 'user has no password'],
      ['auth.sign-in-failed', 'anonymous', '(unknown)', 'no such user'],
      ['auth.sign-in', 'mia', 'mia', 'signed in'],
      ['auth.sign-out', 'mia', 'mia', undefined],
    ]);
    expect(entries.map((e) => (e.after as { address?: string }).address)).toEqual([
      '192.0.2.77',
      '192.0.2.77',
      '192.0.2.77',
      '127.0.0.1', // signed out through app.inject's default address
    ]);
    const everything = JSON.stringify(entries);
    expect(everything).not.toContain('my secret passphrase');
    expect(everything).not.toContain('a brand new secret');
    expect(everything).not.toContain(miaPassword);
    // Who signs in from where is for admins and the person: mia sees her own, a viewer none of it.
    expect((await signIns(org.tokens.member)).map((e) => [e.action, e.subjectId])).toEqual([
      ['auth.sign-in', 'mia'],
      ['auth.sign-out', 'mia'],
    ]);
    expect(await signIns(org.tokens.viewer)).toEqual([]);
  });

  it('shows admins everything, and everyone else only what they did and what was done to them', async () => {
    const everything = await audit();
    const mine = await audit('', org.tokens.member);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actor === 'mia' || (e.subjectType === 'user' && e.subjectId === 'mia'))).toBe(
      true,
    );
    // Every entry of hers is there: the admin's view filtered by hand gives the same list.
    const hers = everything.filter(
      (e) => e.actor === 'mia' || (e.subjectType === 'user' && e.subjectId === 'mia'),
    );
    expect(mine.map((e) => e.id)).toEqual(hers.map((e) => e.id));
    expect(mine.some((e) => e.actor === 'admin' && e.action === 'user.create')).toBe(true);
    expect(everything.some((e) => e.action === 'team.create')).toBe(true);
    expect((await audit('', org.tokens.viewer)).some((e) => e.action === 'team.create')).toBe(false);
  });

  it('filters by actor and subject type, pages backwards, and is not readable anonymously', async () => {
    const byOtto = await audit('&actor=otto');
    expect(byOtto.length).toBeGreaterThan(0);
    expect(byOtto.every((e) => e.actor === 'otto')).toBe(true);
    const tokens = await audit('&subjectType=token');
    expect(new Set(tokens.map((e) => e.subjectType))).toEqual(new Set(['token']));
    const all = await audit();
    const page = await audit(`&before=${all[2]?.id}`);
    expect(page[0]?.id).toBe(all[3]?.id);
    const anonymous = await steward.call('GET', '/api/v1/audit');
    expect(anonymous.statusCode).toBe(401);
    const badQuery = await steward.call('GET', '/api/v1/audit?limit=0', { token: org.tokens.viewer });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().errors[0].field).toBe('querystring.limit');
  });

  it('filters by action, subject and time range as query parameters, and says which one is wrong', async () => {
    const all = await audit();
    const createPayments = await audit('&action=team.create&subjectId=payments');
    expect(createPayments.map((e) => [e.action, e.subjectId])).toEqual([['team.create', 'payments']]);
    const newest = all[0]?.at as string;
    const sinceNewest = await audit(`&since=${encodeURIComponent(newest)}`);
    expect(sinceNewest.map((e) => e.id)).toEqual(all.filter((e) => e.at >= newest).map((e) => e.id));
    const untilNewest = await audit(`&until=${encodeURIComponent(newest)}`);
    expect(untilNewest.map((e) => e.id)).toEqual(all.filter((e) => e.at < newest).map((e) => e.id));
    // A member sees only their own entries, whatever the filters ask for.
    const asMember = await audit('&action=team.create', org.tokens.member);
    expect(asMember).toEqual([]);

    const badTime = await steward.call('GET', '/api/v1/audit?since=last-tuesday', {
      token: org.tokens.adminRead,
    });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().errors[0].field).toBe('querystring.since');
    const backwards = await steward.call(
      'GET',
      '/api/v1/audit?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z',
      { token: org.tokens.adminRead },
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('querystring.until');
  });
});

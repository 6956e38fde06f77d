// What an admin does to people and teams beyond create and edit: resetting someone's password (the
// new one answered once, the old credentials ended) and deleting a team.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import {
  miaPassword,
  type SeededOrg,
  seedOrg,
  startTestSteward,
  type TestSteward,
} from '../../server/test-steward.ts';

describeEachEngine('admin actions', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  const asAdmin = (method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token: org.tokens.admin, body });
  const signIn = (handle: string, password: string) =>
    steward.call('POST', '/api/v1/auth/login', { body: { handle, password } });

  it('resets a password: the new one works once shown, the old one and their tokens stop', async () => {
    const reset = await asAdmin('POST', '/api/v1/users/mia/password-reset');
    expect(reset.statusCode).toBe(200);
    const { user, password } = reset.json();
    expect(user).toMatchObject({ handle: 'mia', role: 'member' });
    // 18 random bytes as base64url: 24 characters, well over the 10 a password must have.
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await signIn('mia', miaPassword)).statusCode).toBe(401);
    expect((await signIn('mia', password)).statusCode).toBe(200);
    expect((await steward.call('GET', '/api/v1/me', { token: org.tokens.member })).statusCode).toBe(401);
    const again = (await asAdmin('POST', '/api/v1/users/mia/password-reset')).json();
    expect(again.password).not.toBe(password);
  });

  it('refuses a reset of your own password, of someone unknown, or by a non-admin', async () => {
    const own = await asAdmin('POST', '/api/v1/users/admin/password-reset');
    expect(own.statusCode).toBe(400);
    expect(own.json().detail).toContain('change it with PATCH /api/v1/users/admin');
    const unknown = await asAdmin('POST', '/api/v1/users/nobody-here/password-reset');
    expect(unknown.statusCode).toBe(404);
    const byMember = await steward.call('POST', '/api/v1/users/noah/password-reset', {
      token: org.tokens.teammate,
    });
    expect(byMember.statusCode).toBe(403);
  });

  it('deletes a team with its memberships, but not one that still has sub-teams', async () => {
    const parent = await asAdmin('DELETE', '/api/v1/teams/platform');
    expect(parent.statusCode).toBe(409);
    expect(parent.json().detail).toContain('team platform has sub-teams (payments)');
    expect((await asAdmin('GET', '/api/v1/teams/platform')).statusCode).toBe(200);

    const deleted = await asAdmin('DELETE', '/api/v1/teams/search');
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({ name: 'search', members: [{ handle: 'otto', role: 'lead' }] });
    expect((await asAdmin('GET', '/api/v1/teams/search')).statusCode).toBe(404);
    expect((await asAdmin('GET', '/api/v1/users/otto')).json().teams).toEqual([]);
    const audit = (await asAdmin('GET', '/api/v1/audit?limit=5')).json().items;
    expect(audit[0]).toMatchObject({ action: 'team.delete', subjectId: 'search', actor: 'admin' });
    expect((await asAdmin('DELETE', '/api/v1/teams/search')).statusCode).toBe(404);
  });
});

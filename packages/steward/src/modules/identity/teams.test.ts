import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';

describeEachEngine('teams, members and people', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  const as = (token: string) => ({
    get: (url: string) => steward.call('GET', url, { token }),
    send: (method: string, url: string, body?: unknown) => steward.call(method, url, { token, body }),
  });

  it('shows a team with parent, children and members, leads first', async () => {
    const payments = await as(org.tokens.viewer).get('/api/v1/teams/payments');
    expect(payments.statusCode).toBe(200);
    expect(payments.json()).toMatchObject({
      name: 'payments',
      displayName: 'Payments',
      description: null,
      parent: 'platform',
      children: [],
      memberCount: 3,
      members: [
        { handle: 'mia', name: 'Mia Lead', role: 'lead' },
        { handle: 'noah', name: 'Noah Member', role: 'member' },
        { handle: 'vera', name: 'Vera Viewer', role: 'member' },
      ],
    });
    const list = (await as(org.tokens.viewer).get('/api/v1/teams')).json().items;
    expect(list.map((t: { name: string }) => t.name)).toEqual(['payments', 'platform', 'search']);
    expect(list.find((t: { name: string }) => t.name === 'platform')).toMatchObject({
      parent: null,
      children: ['payments'],
      memberCount: 0,
    });
    const mia = (await as(org.tokens.viewer).get('/api/v1/users/mia')).json();
    expect(mia).toMatchObject({ handle: 'mia', role: 'member', teams: ['payments'], email: null });
    expect(mia).not.toHaveProperty('password_hash');
    expect((await as(org.tokens.viewer).get('/api/v1/teams/nope')).statusCode).toBe(404);
  });

  it('refuses a parent that would make the hierarchy loop, with the loop in the message', async () => {
    const admin = as(org.tokens.admin);
    const loop = await admin.send('PATCH', '/api/v1/teams/platform', { parent: 'payments' });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().detail).toBe(
      'team platform cannot have payments as its parent: the hierarchy would loop (platform → payments → platform); choose a parent that is not beneath platform',
    );
    expect(loop.json().errors[0].field).toBe('body.parent');
    const self = await admin.send('PATCH', '/api/v1/teams/search', { parent: 'search' });
    expect(self.statusCode).toBe(400);
    expect(self.json().detail).toBe('team search cannot be its own parent');
    const unknown = await admin.send('PATCH', '/api/v1/teams/search', { parent: 'ghosts' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('parent team "ghosts" does not exist');
    expect((await admin.get('/api/v1/teams/platform')).json().parent).toBeNull();
    // A legal move still works, and can be undone.
    expect((await admin.send('PATCH', '/api/v1/teams/search', { parent: 'platform' })).json().parent).toBe(
      'platform',
    );
    expect((await admin.send('PATCH', '/api/v1/teams/search', { parent: null })).json().parent).toBeNull();
  });

  it("lets a team's members edit it, and nobody outside it but admins", async () => {
    const byTeammate = await as(org.tokens.teammate).send('PATCH', '/api/v1/teams/payments', {
      displayName: 'Payments!',
    });
    expect(byTeammate.statusCode).toBe(200);
    expect(byTeammate.json().displayName).toBe('Payments!');
    const byOutsider = await as(org.tokens.outsider).send('PATCH', '/api/v1/teams/payments', {
      displayName: 'Mine',
    });
    expect(byOutsider.statusCode).toBe(403);
    expect(byOutsider.json().detail).toBe(
      'only members of team payments (or admins) may change it, and otto is not a member',
    );
    const byViewerMember = await as(org.tokens.viewer).send('PATCH', '/api/v1/teams/payments', {
      displayName: 'V',
    });
    expect(byViewerMember.statusCode).toBe(403);
  });

  it("lets only a team's leads (and admins) change its members", async () => {
    const byMember = await as(org.tokens.teammate).send('PUT', '/api/v1/teams/payments/members/sam', {
      role: 'member',
    });
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().detail).toBe(
      'only a lead of team payments (or an admin) may change its members, and noah is not one',
    );
    const byLead = await as(org.tokens.member).send('PUT', '/api/v1/teams/payments/members/sam', {});
    expect(byLead.statusCode).toBe(200);
    expect(byLead.json().members).toContainEqual({ handle: 'sam', name: 'Sam Loner', role: 'member' });
    const otherTeamLead = await as(org.tokens.outsider).send('DELETE', '/api/v1/teams/payments/members/sam');
    expect(otherTeamLead.statusCode).toBe(403);
    const removed = await as(org.tokens.member).send('DELETE', '/api/v1/teams/payments/members/sam');
    expect(removed.statusCode).toBe(200);
    expect(removed.json().members.map((m: { handle: string }) => m.handle)).not.toContain('sam');
    const notMember = await as(org.tokens.member).send('DELETE', '/api/v1/teams/payments/members/sam');
    expect(notMember.statusCode).toBe(404);
    expect(notMember.json().detail).toBe('sam is not a member of team payments');
    const noUser = await as(org.tokens.admin).send('PUT', '/api/v1/teams/payments/members/ghost', {});
    expect(noUser.statusCode).toBe(404);
  });

  it('refuses duplicates and unknown fields with answers that say what to fix', async () => {
    const admin = as(org.tokens.admin);
    const dupTeam = await admin.send('POST', '/api/v1/teams', { name: 'search' });
    expect(dupTeam.statusCode).toBe(409);
    expect(dupTeam.json().detail).toBe('a team named search already exists; pick another name');
    const dupUser = await admin.send('POST', '/api/v1/users', { handle: 'mia', name: 'Other Mia' });
    expect(dupUser.statusCode).toBe(409);
    const extra = await admin.send('POST', '/api/v1/teams', { name: 'new-team', colour: 'red' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors).toEqual([{ field: 'body', message: 'unknown field "colour"; remove it' }]);
    const badHandle = await admin.send('POST', '/api/v1/users', { handle: 'Not OK', name: 'X' });
    expect(badHandle.statusCode).toBe(400);
    expect(badHandle.json().errors[0].field).toBe('body.handle');
  });

  it('lets people change their own name and password but not their role, nor anyone else', async () => {
    const mia = as(org.tokens.member);
    const rename = await mia.send('PATCH', '/api/v1/users/mia', { name: 'Mia L.' });
    expect(rename.statusCode).toBe(200);
    expect(rename.json().name).toBe('Mia L.');
    const promote = await mia.send('PATCH', '/api/v1/users/mia', { role: 'admin' });
    expect(promote.statusCode).toBe(403);
    expect(promote.json().detail).toBe(
      'you may change your own name and password; role can only be changed by an admin',
    );
    const other = await mia.send('PATCH', '/api/v1/users/noah', { name: 'Renamed' });
    expect(other.statusCode).toBe(403);
    expect((await mia.get('/api/v1/users/noah')).json().name).toBe('Noah Member');
  });

  it('keeps at least one admin who can sign in', async () => {
    const admin = as(org.tokens.admin);
    const demote = await admin.send('PATCH', '/api/v1/users/admin', { role: 'member' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().detail).toContain('admin is the last admin');
    const disable = await admin.send('PATCH', '/api/v1/users/admin', { disabled: true });
    expect(disable.statusCode).toBe(409);
    await admin.send('POST', '/api/v1/users', { handle: 'second-admin', name: 'Second', role: 'admin' });
    const nowAllowed = await admin.send('PATCH', '/api/v1/users/second-admin', { role: 'member' });
    expect(nowAllowed.statusCode).toBe(200);
  });
});

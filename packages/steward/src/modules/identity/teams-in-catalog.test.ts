// One truth for teams and people: a team made through the API is an API-sourced Group that who-owns,
// orphans and the entity list see; a team or person from a catalog file is read-only through the API
// (409 naming file and line) except for what is Steward's own (roles); and a person whose User leaves
// the catalog can no longer sign in nor use their tokens, until the User comes back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const orgFile = (people: string[]) =>
  [
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ops
spec:
  type: team
  profile: { displayName: Operations }
  children: []
`,
    ...people.map(
      (handle) => `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${handle}
spec:
  profile: { displayName: ${handle} from the file }
  memberOf: [ops]
`,
    ),
  ].join('---\n');

const password = 'a long enough password';

describeEachEngine('teams and people are the catalog', ({ db }) => {
  let steward: TestSteward;
  const admin = (method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token: steward.adminToken, body });
  const upload = async (people: string[]) => {
    const files = [{ path: 'org/catalog-info.yaml', content: orgFile(people) }];
    const started = await admin('POST', '/api/v1/catalog/sources', { kind: 'upload', name: 'org', files });
    expect((await steward.jobOf(started)).state).toBe('succeeded');
  };
  const signIn = (handle: string) =>
    steward.call('POST', '/api/v1/auth/login', { body: { handle, password } });

  beforeAll(async () => {
    steward = await startTestSteward(db());
    await upload(['fay', 'gus']);
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('makes a team created through the API a Group that entities, who-owns and orphans agree on', async () => {
    const created = await admin('POST', '/api/v1/teams', { name: 'billing', displayName: 'Billing' });
    expect(created.statusCode).toBe(201);
    const group = (await admin('GET', '/api/v1/entities/group/default/billing')).json();
    expect(group).toMatchObject({ ref: 'group:default/billing', source: { id: 'api' } });
    const groups = (await admin('GET', '/api/v1/entities?kind=group'))
      .json()
      .items.map((i: { ref: string }) => i.ref);
    expect(groups).toEqual(['group:default/billing', 'group:default/ops']);
    // Without members it is a team without members in the orphan report, like any Group.
    const orphans = (await admin('GET', '/api/v1/catalog/orphans')).json();
    expect(orphans.teamsWithoutMembers.items.map((i: { ref: string }) => i.ref)).toEqual([
      'group:default/billing',
    ]);
    const service = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'invoices' },
      spec: { type: 'service', lifecycle: 'production', owner: 'group:billing' },
    };
    expect((await admin('POST', '/api/v1/entities', service)).statusCode).toBe(201);
    await steward.assembled.events.caughtUp();
    const answer = (await admin('GET', '/api/v1/who-owns?thing=component:invoices')).json();
    expect(answer.items[0].owners).toEqual([
      expect.objectContaining({ ref: 'group:default/billing', role: 'primary' }),
    ]);
    // A member added through the API is in the Group's spec.members, and the team is no orphan.
    expect((await admin('PUT', '/api/v1/teams/billing/members/gus', { role: 'lead' })).statusCode).toBe(200);
    const after = (await admin('GET', '/api/v1/entities/group/default/billing')).json();
    expect(after.relations.outgoing).toContainEqual(
      expect.objectContaining({ type: 'hasMember', targetRef: 'user:default/gus' }),
    );
    const team = (await admin('GET', '/api/v1/teams/billing')).json();
    expect(team.members).toEqual([{ handle: 'gus', name: 'gus from the file', role: 'lead' }]);
    const orphansNow = (await admin('GET', '/api/v1/catalog/orphans')).json();
    expect(orphansNow.teamsWithoutMembers.total).toBe(0);
  });

  it('makes a person created through the API a User entity, and a team deleted with its Group goes', async () => {
    const made = await admin('POST', '/api/v1/users', {
      handle: 'hal',
      name: 'Hal',
      email: 'hal@example.com',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json().entity).toMatchObject({ ref: 'user:default/hal', source: 'api' });
    // The first admin is Steward's own account: no User in the catalog.
    expect((await admin('GET', '/api/v1/users/admin')).json().entity).toBeNull();
    const user = (await admin('GET', '/api/v1/entities/user/default/hal')).json();
    expect(user).toMatchObject({ ref: 'user:default/hal', source: { id: 'api' } });
    const renamed = await admin('PATCH', '/api/v1/users/hal', { name: 'Hal Jordan' });
    expect(renamed.json().name).toBe('Hal Jordan');
    const body = (await admin('GET', '/api/v1/entities/user/default/hal')).json();
    expect(JSON.stringify(body)).toContain('Hal Jordan');

    expect((await admin('POST', '/api/v1/teams', { name: 'short-lived' })).statusCode).toBe(201);
    const gone = await admin('DELETE', '/api/v1/entities/group/default/short-lived');
    expect(gone.statusCode).toBe(204);
    await steward.assembled.events.caughtUp();
    expect((await admin('GET', '/api/v1/teams/short-lived')).statusCode).toBe(404);
    expect((await admin('POST', '/api/v1/teams', { name: 'shorter-lived' })).statusCode).toBe(201);
    const deleted = await admin('DELETE', '/api/v1/teams/shorter-lived');
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().name).toBe('shorter-lived');
    expect((await admin('GET', '/api/v1/entities/group/default/shorter-lived')).statusCode).toBe(404);
    expect((await admin('GET', '/api/v1/teams/shorter-lived')).statusCode).toBe(404);
  });

  it('refuses to change a team from a catalog file, naming the file and line', async () => {
    const unchanged = await admin('PATCH', '/api/v1/teams/ops', { displayName: 'Operations' });
    expect(unchanged.statusCode).toBe(200);
    const patch = await admin('PATCH', '/api/v1/teams/ops', { displayName: 'Ops' });
    expect(patch.statusCode).toBe(409);
    expect(patch.headers['content-type']).toContain('application/problem+json');
    expect(patch.json().detail).toContain('at org/catalog-info.yaml:1');
    const member = await admin('PUT', '/api/v1/teams/ops/members/hal', { role: 'member' });
    expect(member.statusCode).toBe(409);
    expect(member.json().detail).toContain('org/catalog-info.yaml:1');
    // The team says where its Group is, so a portal can tell before trying.
    expect((await admin('GET', '/api/v1/teams/ops')).json().entity).toEqual({
      ref: 'group:default/ops',
      source: 'file',
      file: 'org/catalog-info.yaml',
      line: 1,
    });
    const remove = await admin('DELETE', '/api/v1/teams/ops');
    expect(remove.statusCode).toBe(409);
    expect(remove.json().detail).toContain('org/catalog-info.yaml:1');
    expect((await admin('GET', '/api/v1/teams/ops')).json().displayName).toBe('Operations');
  });

  it("refuses a file person's name but changes their role and password, which are Steward's", async () => {
    const rename = await admin('PATCH', '/api/v1/users/fay', { name: 'Fay Renamed' });
    expect(rename.statusCode).toBe(409);
    // fay is the second document: it starts on line 10 of the file.
    expect(rename.json().detail).toContain('at org/catalog-info.yaml:10');
    // The whole form, name unchanged, with a new role and password: Steward's own fields change.
    const role = await admin('PATCH', '/api/v1/users/fay', {
      name: 'fay from the file',
      role: 'viewer',
      password,
    });
    expect(role.statusCode).toBe(200);
    expect(role.json()).toMatchObject({ role: 'viewer', name: 'fay from the file', teams: ['ops'] });
    // The next read of the file keeps the role an admin gave.
    await upload(['fay', 'gus', 'ivy']);
    expect((await admin('GET', '/api/v1/users/fay')).json().role).toBe('viewer');
  });

  it('lets a catalog file take over a team made through the API', async () => {
    expect((await admin('POST', '/api/v1/teams', { name: 'sre', displayName: 'SRE' })).statusCode).toBe(201);
    const file = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: sre }
spec: { type: team, profile: { displayName: Site Reliability }, children: [] }
`;
    const files = [{ path: 'catalog/teams/sre.yaml', content: file }];
    const started = await admin('POST', '/api/v1/catalog/sources', { kind: 'upload', name: 'sre', files });
    const job = await steward.jobOf(started);
    expect(job.result).toMatchObject({ added: 1, errorCount: 0 });
    const group = (await admin('GET', '/api/v1/entities/group/default/sre')).json();
    expect(group).toMatchObject({ file: 'catalog/teams/sre.yaml', line: 1 });
    expect(group.source.id).not.toBe('api');
    expect((await admin('GET', '/api/v1/teams/sre')).json().displayName).toBe('Site Reliability');
    expect((await admin('PATCH', '/api/v1/teams/sre', { displayName: 'x' })).statusCode).toBe(409);
  });

  it('ends sign-in and tokens of a person whose User leaves the catalog, and restores them when it is back', async () => {
    await admin('PATCH', '/api/v1/users/gus', { password });
    const token = (
      await admin('POST', '/api/v1/tokens', { name: 'ci', owner: 'gus', scopes: ['read'] })
    ).json().secret as string;
    expect((await steward.call('GET', '/api/v1/me', { token })).statusCode).toBe(200);
    expect((await signIn('gus')).statusCode).toBe(200);
    // ivy is disabled by an admin: coming back with the file does not undo that.
    await admin('PATCH', '/api/v1/users/ivy', { disabled: true, password });

    await upload(['fay']);
    expect((await steward.call('GET', '/api/v1/me', { token })).statusCode).toBe(401);
    expect((await signIn('gus')).statusCode).toBe(401);
    expect((await admin('GET', '/api/v1/users/gus')).json().disabledAt).not.toBeNull();
    expect(
      (await admin('GET', '/api/v1/teams/ops')).json().members.map((m: { handle: string }) => m.handle),
    ).toEqual(['fay']);
    // The first admin has no User in the catalog and keeps working.
    expect((await admin('GET', '/api/v1/me')).statusCode).toBe(200);

    await upload(['fay', 'gus', 'ivy']);
    expect((await steward.call('GET', '/api/v1/me', { token })).statusCode).toBe(200);
    expect((await signIn('gus')).statusCode).toBe(200);
    expect((await signIn('ivy')).statusCode).toBe(401);
  });
});

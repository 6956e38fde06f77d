import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAuditEntries } from '../../platform/audit/audit-log.ts';
import { silentLogger } from '../../platform/logging.ts';
import { demoPassword, readDemoOrg } from '../../server/demo.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { catalogOn } from './catalog.test-support.ts';
import { createIdentity, type Identity } from './index.ts';
import type { Org } from './org-from-entities.ts';
import type { IdentityTables } from './tables.ts';

describeEachEngine('importOrg', ({ db }) => {
  let identity: Identity;
  let steward: TestSteward;
  let demo: Org;
  const kysely = () => db().kysely<IdentityTables>();
  const auditCount = async () => (await listAuditEntries(kysely(), { limit: 500 })).length;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    identity = createIdentity({ database: db(), logger: silentLogger(), catalog: catalogOn(db()) });
    demo = await readDemoOrg();
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('loads the Acme demo: every team with its parent, every person in their teams, as system:demo', async () => {
    const summary = await identity.importOrg({ ...demo, password: demoPassword });
    expect(summary).toEqual({ teams: demo.teams.length, users: demo.users.length });
    const teams = await kysely().selectFrom('teams').select(['name', 'parent_id', 'id']).execute();
    const nameOf = new Map(teams.map((t) => [t.id, t.name]));
    for (const team of demo.teams) {
      const row = teams.find((t) => t.name === team.name);
      expect(row, team.name).toBeDefined();
      expect(row?.parent_id ? nameOf.get(row.parent_id) : undefined).toBe(team.parent);
    }
    const memberships = await kysely()
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .innerJoin('teams', 'teams.id', 'memberships.team_id')
      .select(['users.handle', 'teams.name', 'memberships.role'])
      .execute();
    const expected = demo.users.flatMap((u) =>
      u.teams.map((t) => ({ handle: u.handle, name: t.team, role: t.role })),
    );
    expect(memberships).toHaveLength(expected.length);
    expect(memberships).toEqual(expect.arrayContaining(expected));
    const entries = await listAuditEntries(kysely(), { limit: 500, actor: 'system:demo' });
    expect(entries.filter((e) => e.action === 'user.create')).toHaveLength(demo.users.length);
  });

  it('lets a demo person sign in with the demo password', async () => {
    const lead = demo.users.find((u) => u.teams.some((t) => t.role === 'lead'));
    const response = await steward.call('POST', '/api/v1/auth/login', {
      body: { handle: lead?.handle, password: demoPassword },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.teams).toEqual(expect.arrayContaining(lead?.teams.map((t) => t.team) ?? []));
  });

  it('changes nothing, and audits nothing, when run again with the same input', async () => {
    const before = await auditCount();
    const hashes = await kysely()
      .selectFrom('users')
      .select(['handle', 'password_hash'])
      .orderBy('handle')
      .execute();
    await identity.importOrg({ ...demo, password: demoPassword });
    expect(await auditCount()).toBe(before);
    expect(
      await kysely().selectFrom('users').select(['handle', 'password_hash']).orderBy('handle').execute(),
    ).toEqual(hashes);
  });

  it('applies only what changed, and leaves a role given by hand alone when the input names none', async () => {
    const person = demo.users.find((u) => !u.role) as Org['users'][number];
    await kysely().updateTable('users').set({ role: 'admin' }).where('handle', '=', person.handle).execute();
    const before = await auditCount();
    const team = demo.teams[0] as Org['teams'][number];
    const changed: Org = {
      ...demo,
      teams: demo.teams.map((t) => (t === team ? { ...t, displayName: `${t.displayName} (renamed)` } : t)),
    };
    await identity.importOrg(changed);
    const entries = await listAuditEntries(kysely(), { limit: 500 });
    expect(entries.length - before).toBe(1);
    expect(entries[0]).toMatchObject({
      actor: 'system:demo',
      action: 'team.update',
      subjectId: team.name,
      before: { displayName: team.displayName },
      after: { displayName: `${team.displayName} (renamed)` },
    });
    const role = await kysely()
      .selectFrom('users')
      .select('role')
      .where('handle', '=', person.handle)
      .executeTakeFirst();
    expect(role?.role).toBe('admin');
  });

  it('refuses an organisation whose parents loop, and writes none of it', async () => {
    const before = await auditCount();
    const looping: Org = {
      teams: [
        { name: 'alpha', displayName: 'Alpha', parent: 'beta' },
        { name: 'beta', displayName: 'Beta', parent: 'alpha' },
      ],
      users: [{ handle: 'newcomer', name: 'New', teams: [{ team: 'alpha', role: 'member' }] }],
    };
    await expect(identity.importOrg(looping)).rejects.toThrow(
      /the hierarchy would loop \((alpha|beta) → .*\)/,
    );
    expect(await auditCount()).toBe(before);
    expect(
      await kysely().selectFrom('teams').select('name').where('name', 'in', ['alpha', 'beta']).execute(),
    ).toEqual([]);
  });

  it('says which entry is wrong when the input is invalid', async () => {
    await expect(
      identity.importOrg({
        teams: [],
        users: [{ handle: 'ok', name: 'Ok', teams: [{ team: 'nowhere', role: 'member' }] }],
      }),
    ).rejects.toThrow('user ok is listed in team nowhere, which is neither in the import nor in Steward');
    await expect(
      identity.importOrg({ teams: [{ name: 'Bad Name', displayName: 'x' }], users: [] }),
    ).rejects.toThrow(/teams\.0\.name must be lower-case/);
  });
});

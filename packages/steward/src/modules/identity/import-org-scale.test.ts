// A large organisation (5,000 people, 300 teams three levels deep, 7,500 memberships) syncs in a
// few set-based statements per kind, and a second sync with the same input changes nothing.
import { beforeAll, expect, it } from 'vitest';
import { listAuditEntries } from '../../platform/audit/audit-log.ts';
import { silentLogger } from '../../platform/logging.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { catalogOn } from './catalog.test-support.ts';
import { createIdentity, type Identity } from './index.ts';
import type { Org } from './org-from-entities.ts';
import type { IdentityTables } from './tables.ts';

/** 20 divisions of 4 groups of 2.75 teams (300 in all); each person in one team, every other in a second. */
export function largeOrg(people = 5000, teamCount = 300): Org {
  const teams: Org['teams'] = [];
  for (let i = 0; i < teamCount; i++) {
    // Children are listed before their parents, so the import cannot rely on the order.
    const parent = i < 20 ? undefined : i < 100 ? `team-${i % 20}` : `team-${20 + (i % 80)}`;
    teams.unshift({ name: `team-${i}`, displayName: `Team ${i}`, description: `does ${i}`, parent });
  }
  const users: Org['users'] = [];
  for (let i = 0; i < people; i++) {
    const home = { team: `team-${i % teamCount}`, role: i < teamCount ? 'lead' : 'member' } as const;
    const second = { team: `team-${(i * 7 + 3) % teamCount}`, role: 'member' } as const;
    users.push({
      handle: `person-${i}`,
      name: `Person ${i}`,
      email: `person-${i}@acme.example`,
      ...(i % 50 === 0 ? { role: 'viewer' as const } : {}),
      teams: i % 2 === 0 && second.team !== home.team ? [home, second] : [home],
    });
  }
  return { teams, users };
}

describeEachEngine('importOrg at scale', ({ db }) => {
  let identity: Identity;
  const org = largeOrg();
  const memberships = org.users.reduce((n, u) => n + u.teams.length, 0);
  const kysely = () => db().kysely<IdentityTables>();
  const count = async (table: 'users' | 'teams' | 'memberships' | 'audit_log') =>
    Number(
      (
        await kysely()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(() => {
    identity = createIdentity({ database: db(), logger: silentLogger(), catalog: catalogOn(db()) });
  });

  it('imports 5,000 people and 300 teams, each with one audit entry per thing created', async () => {
    const started = performance.now();
    expect(await identity.importOrg(org, 'system:catalog')).toEqual({ teams: 300, users: 5000 });
    const ms = performance.now() - started;
    console.info(
      `importOrg, first sync of 5,000 people, 300 teams, ${memberships} memberships: ${ms.toFixed(0)} ms`,
    );
    expect(await count('users')).toBe(5000);
    expect(await count('teams')).toBe(300);
    expect(await count('memberships')).toBe(memberships);
    const created = await kysely()
      .selectFrom('audit_log')
      .select(['action', (eb) => eb.fn.countAll<string>().as('n')])
      .where('actor', '=', 'system:catalog')
      .groupBy('action')
      .orderBy('action')
      .execute();
    // Each team is created under its parent, whatever the order of the input: no team.update after.
    const byAction = Object.fromEntries(created.map((r) => [r.action, Number(r.n)]));
    expect(Object.keys(byAction)).toEqual(['membership.set', 'team.create', 'user.create']);
    expect(byAction['team.create']).toBe(300);
    expect(byAction['user.create']).toBe(5000);
    expect(byAction['membership.set']).toBe(memberships);
    const leaf = await kysely()
      .selectFrom('teams as t')
      .innerJoin('teams as p', 'p.id', 't.parent_id')
      .innerJoin('teams as g', 'g.id', 'p.parent_id')
      .select(['p.name as parent', 'g.name as grandparent'])
      .where('t.name', '=', 'team-299')
      .executeTakeFirst();
    expect(leaf).toEqual({ parent: 'team-79', grandparent: 'team-19' });
  }, 600_000);

  it('changes nothing and audits nothing when the same organisation syncs again', async () => {
    const audited = await count('audit_log');
    const started = performance.now();
    await identity.importOrg(org, 'system:catalog');
    console.info(`importOrg, second sync, unchanged: ${(performance.now() - started).toFixed(0)} ms`);
    expect(await count('audit_log')).toBe(audited);
    expect(await count('memberships')).toBe(memberships);
  }, 600_000);

  it('writes only what changed when a few people and teams change', async () => {
    const audited = await count('audit_log');
    const changed: Org = {
      teams: org.teams.map((t) => (t.name === 'team-7' ? { ...t, displayName: 'Team Seven' } : t)),
      users: org.users.map((u) =>
        u.handle === 'person-42'
          ? { ...u, name: 'Person Forty-Two', teams: [{ team: 'team-42', role: 'member' as const }] }
          : u,
      ),
    };
    await identity.importOrg(changed, 'system:catalog');
    const entries = await listAuditEntries(kysely(), { limit: 10 });
    const fresh = entries.slice(0, (await count('audit_log')) - audited);
    expect(fresh.map((e) => `${e.action} ${e.subjectId}`).sort()).toEqual([
      'membership.set team-42/person-42',
      'team.update team-7',
      'user.update person-42',
    ]);
    expect(fresh.find((e) => e.action === 'membership.set')).toMatchObject({
      before: { role: 'lead' },
      after: { role: 'member' },
    });
  }, 600_000);
});

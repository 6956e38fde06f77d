// Steward must always keep an admin who can sign in, even when every admin is demoted or disabled at
// the same moment (on PostgreSQL those changes run in parallel transactions).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { importOrg } from './import-org.ts';
import type { IdentityTables } from './tables.ts';

describeEachEngine('the last admin', ({ db }) => {
  let steward: TestSteward;
  const tokens = new Map<string, string>();
  /** Calls as whichever admin is left (one with a token: a new admin has none for a moment). */
  const admin = async (method: string, url: string, body?: unknown) => {
    const caller = (await activeAdmins()).find((handle) => tokens.has(handle)) ?? '';
    return steward.call(method, url, { token: tokens.get(caller), body });
  };
  const activeAdmins = async () =>
    (
      await db()
        .kysely<IdentityTables>()
        .selectFrom('users')
        .select('handle')
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .execute()
    ).map((r) => r.handle);

  beforeAll(async () => {
    steward = await startTestSteward(db());
  });
  afterAll(async () => {
    await steward?.close();
  });

  /** Makes `count` admins besides the first, each with an admin token of their own. */
  async function makeAdmins(round: number, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const handle = `boss-${round}-${i}`;
      expect((await admin('POST', '/api/v1/users', { handle, name: handle, role: 'admin' })).statusCode).toBe(
        201,
      );
      const token = await admin('POST', '/api/v1/tokens', {
        name: 'boss',
        scopes: ['read', 'write', 'admin'],
        owner: handle,
      });
      tokens.set(handle, token.json().secret);
    }
  }

  it('keeps one admin when every admin demotes or disables themselves at once', async () => {
    tokens.set('admin', steward.adminToken);
    for (let round = 0; round < 5; round++) {
      await makeAdmins(round, 7);
      // Each admin removes their own rights, so nobody is refused for having lost them already.
      const handles = await activeAdmins();
      expect(handles).toHaveLength(8);
      const answers = await Promise.all(
        handles.map((handle, i) =>
          steward.call('PATCH', `/api/v1/users/${handle}`, {
            token: tokens.get(handle),
            body: i % 2 === 0 ? { role: 'member' } : { disabled: true },
          }),
        ),
      );
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(statuses, `round ${round}`).toEqual([200, 200, 200, 200, 200, 200, 200, 409]);
      expect(await activeAdmins()).toHaveLength(1);
      const refused = answers.find((a) => a.statusCode === 409);
      expect(refused?.json().detail).toMatch(
        /^boss-\d-\d|^admin is the last admin who can sign in; make someone else an admin first/,
      );
      expect(refused?.json().detail).toContain('is the last admin who can sign in');
    }
  });

  it('an organisation import neither grants admin rights nor takes them, even racing a demotion', async () => {
    for (let round = 10; round < 13; round++) {
      await makeAdmins(round, 1);
      const [first, second] = await activeAdmins();
      const person = (handle: string) => ({ handle, name: handle, role: 'member' as const, teams: [] });
      const [imported, demoted] = await Promise.allSettled([
        importOrg(
          db().kysely<IdentityTables>(),
          { teams: [], users: [person(first as string)] },
          'system:catalog',
        ),
        steward.call('PATCH', `/api/v1/users/${second}`, {
          token: tokens.get(second as string),
          body: { role: 'member' },
        }),
      ]);
      expect(imported.status).toBe('fulfilled');
      expect(demoted.status).toBe('fulfilled');
      expect(await activeAdmins(), `round ${round}`).toEqual([first]);
    }
    const [last] = await activeAdmins();
    const kysely = db().kysely<IdentityTables>();
    await importOrg(kysely, {
      teams: [],
      users: [
        { handle: last as string, name: 'Renamed', role: 'viewer', teams: [] },
        { handle: 'pusher', name: 'Pusher', role: 'admin', teams: [] },
      ],
    });
    expect(await activeAdmins()).toEqual([last]);
    const rows = await kysely
      .selectFrom('users')
      .select(['handle', 'name', 'role'])
      .where('handle', 'in', [last as string, 'pusher'])
      .orderBy('handle')
      .execute();
    expect(rows).toEqual(
      [
        { handle: last as string, name: 'Renamed', role: 'admin' },
        { handle: 'pusher', name: 'Pusher', role: 'member' },
      ].sort((a, b) => a.handle.localeCompare(b.handle)),
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/principal.ts';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import { assertMayAssign, assertMayChange, editorOf } from './edit-permissions.ts';

const member = (handle: string, teams: string[]): Principal => ({
  userId: `id-${handle}`,
  handle,
  name: handle,
  role: 'member',
  scopes: ['read', 'write'],
  teamIds: teams.map((t) => `team-${t}`),
  teams,
  via: 'token',
});

const mia = editorOf(member('mia', ['payments']));
const ref = 'component:default/ledger';
const refused = (check: () => void) => {
  try {
    check();
  } catch (error) {
    return (error as { kind?: string }).kind;
  }
  return 'allowed';
};

// Steward's teams and people live in the default namespace: team payments is group:default/payments,
// and a group of the same name in another namespace is another team, whoever is in ours.
describe('entity edit rights', () => {
  it('lets a member of the owning team change the entity, in the default namespace only', () => {
    expect(refused(() => assertMayChange(mia, ref, ['group:default/payments']))).toBe('allowed');
    expect(refused(() => assertMayChange(mia, ref, ['group:other-ns/payments']))).toBe('forbidden');
    expect(refused(() => assertMayChange(mia, ref, ['group:payments-ns/payments']))).toBe('forbidden');
  });

  it('lets a person change what they own themselves, in the default namespace only', () => {
    expect(refused(() => assertMayChange(mia, ref, ['user:default/mia']))).toBe('allowed');
    expect(refused(() => assertMayChange(mia, ref, ['user:elsewhere/mia']))).toBe('forbidden');
  });

  it('gives an entity only to a team of the caller in the default namespace', () => {
    expect(refused(() => assertMayAssign(mia, ref, 'group:default/payments'))).toBe('allowed');
    const foreign = refused(() => assertMayAssign(mia, ref, 'group:other-ns/payments'));
    expect(foreign).toBe('forbidden');
  });

  it('does not read a kind other than group or user as a team', () => {
    expect(refused(() => assertMayChange(mia, ref, ['component:default/payments']))).toBe('forbidden');
    expect(refused(() => assertMayChange(mia, ref, ['payments']))).toBe('forbidden');
  });

  it('lets admins change anything, in any namespace', () => {
    const admin = editorOf({ ...member('root', []), role: 'admin', scopes: ['read', 'write', 'admin'] });
    expect(refused(() => assertMayChange(admin, ref, ['group:other-ns/payments']))).toBe('allowed');
  });
});

describeEachEngine('entity edit rights over HTTP', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  const entity = (owner: string, lifecycle = 'production') => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'foreign-ledger' },
    spec: { type: 'service', lifecycle, owner },
  });

  it('refuses a member of payments an entity owned by payments of another namespace', async () => {
    const url = '/api/v1/entities/component/default/foreign-ledger';
    const created = await steward.call('POST', '/api/v1/entities', {
      token: org.tokens.admin,
      body: entity('group:other-ns/payments'),
    });
    expect(created.statusCode).toBe(201);
    const change = await steward.call('PUT', url, {
      token: org.tokens.member,
      body: entity('group:other-ns/payments', 'deprecated'),
    });
    expect(change.statusCode).toBe(403);
    expect(change.json().detail).toContain('(group:other-ns/payments)');
    expect((await steward.call('DELETE', url, { token: org.tokens.member })).statusCode).toBe(403);
    const takeOver = await steward.call('PUT', url, {
      token: org.tokens.member,
      body: entity('group:default/payments'),
    });
    expect(takeOver.statusCode).toBe(403);
    const foreignCreate = await steward.call('POST', '/api/v1/entities', {
      token: org.tokens.member,
      body: { ...entity('group:other-ns/payments'), metadata: { name: 'sneaky' } },
    });
    expect(foreignCreate.statusCode).toBe(403);
  });
});

// What identity takes from the catalog's Groups and Users: the default namespace only, names that
// can be handles, memberships from either side (User.spec.memberOf, Group.spec.members) and leads.
import { describe, expect, it } from 'vitest';
import { catalogOrg, refList } from './catalog-org.ts';

const group = (name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({
  kind: 'Group',
  metadata: { name, ...metadata },
  spec: { type: 'team', children: [], ...spec },
});
const user = (name: string, memberOf: string[], metadata: Record<string, unknown> = {}) => ({
  kind: 'User',
  metadata: { name, ...metadata },
  spec: { memberOf },
});

describe('the organisation the catalog describes', () => {
  it('takes memberships from both sides, leads from the annotation, once each', () => {
    const { org, memberships } = catalogOrg([
      group(
        'payments',
        { members: ['user:default/ana', 'bo'] },
        { annotations: { 'steward.dev/leads': 'bo' } },
      ),
      user('ana', ['group:payments']),
      user('bo', []),
      user('cy', ['payments']),
    ]);
    expect(org.teams.map((t) => t.name)).toEqual(['payments']);
    expect(org.users.map((u) => u.handle)).toEqual(['ana', 'bo', 'cy']);
    expect(Object.fromEntries(memberships.get('payments') ?? [])).toEqual({
      ana: 'member',
      bo: 'lead',
      cy: 'member',
    });
  });

  it('leaves out other namespaces, names that cannot be handles, and members of teams it does not hold', () => {
    const { org, memberships } = catalogOrg([
      group('payments', { members: ['user:elsewhere/ana'] }),
      group('payments', {}, { namespace: 'elsewhere' }),
      group('Big Team'),
      user('ana', ['ghosts']),
      user('ana', [], { namespace: 'elsewhere' }),
      user('Not A Handle', ['payments']),
    ]);
    expect(org.teams.map((t) => t.name)).toEqual(['payments']);
    expect(org.users.map((u) => u.handle)).toEqual(['ana']);
    expect(memberships.get('payments')).toBeUndefined();
  });

  it('reads refs of the default namespace in any spelling', () => {
    expect(refList(['user:default/ana', 'default/bo', 'cy', 'user:other/dee', 'group:x'], 'user')).toEqual([
      'ana',
      'bo',
      'cy',
    ]);
    expect(refList('ana, bo', 'user')).toEqual(['ana', 'bo']);
  });
});

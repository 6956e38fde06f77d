import { describe, expect, it } from 'vitest';
import { orgFromEntities } from './org-from-entities.ts';

describe('orgFromEntities', () => {
  it('maps Groups and Users, leads from the annotation, parents before children', () => {
    const org = orgFromEntities([
      {
        kind: 'Group',
        metadata: { name: 'sre', annotations: { 'steward.dev/leads': 'user:mateo' } },
        spec: { parent: 'group:default/platform', profile: { displayName: 'SRE' } },
      },
      { kind: 'Group', metadata: { name: 'platform', description: 'Paved road' }, spec: {} },
      {
        kind: 'User',
        metadata: { name: 'mateo' },
        spec: { profile: { displayName: 'Mateo', email: 'm@x' }, memberOf: ['sre', 'group:platform'] },
      },
      {
        kind: 'User',
        metadata: { name: 'hana', annotations: { 'steward.dev/role': 'viewer' } },
        spec: { memberOf: [] },
      },
      { kind: 'Component', metadata: { name: 'ignored' }, spec: {} },
    ]);
    expect(org.teams).toEqual([
      { name: 'platform', displayName: 'platform', description: 'Paved road' },
      { name: 'sre', displayName: 'SRE', parent: 'platform' },
    ]);
    expect(org.users).toEqual([
      {
        handle: 'mateo',
        name: 'Mateo',
        email: 'm@x',
        teams: [
          { team: 'sre', role: 'lead' },
          { team: 'platform', role: 'member' },
        ],
      },
      { handle: 'hana', name: 'hana', role: 'viewer', teams: [] },
    ]);
  });

  it('takes member and viewer from the role annotation, never admin: a catalog file cannot grant admin rights', () => {
    const org = orgFromEntities(
      ['admin', 'viewer', 'member', 'root'].map((role) => ({
        kind: 'User',
        metadata: { name: `as-${role}`, annotations: { 'steward.dev/role': role } },
        spec: {},
      })),
    );
    expect(org.users.map((u) => [u.handle, u.role])).toEqual([
      ['as-admin', undefined],
      ['as-viewer', 'viewer'],
      ['as-member', 'member'],
      ['as-root', undefined],
    ]);
  });
});

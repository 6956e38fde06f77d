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
});

import type { Team } from '@steward/steward/api';
import { describe, expect, it } from 'vitest';
import { buildTeamTree, type TeamNode } from './team-tree.tsx';

const team = (name: string, parent: string | null, displayName = name): Team => ({
  id: name,
  name,
  displayName,
  description: null,
  parent,
  children: [],
  memberCount: 0,
});

/** The tree as nested [name, children] pairs, easy to compare. */
const shape = (nodes: TeamNode[]): unknown[] => nodes.map((n) => [n.team.name, shape(n.children)]);

describe('buildTeamTree', () => {
  it('puts each team under its parent, siblings by display name', () => {
    const teams = [
      team('sre', 'platform'),
      team('payments', 'eng', 'Payments'),
      team('platform', 'eng', 'Platform'),
      team('eng', null),
      team('data', 'eng', 'Data'),
    ];
    expect(shape(buildTeamTree(teams))).toEqual([
      [
        'eng',
        [
          ['data', []],
          ['payments', []],
          ['platform', [['sre', []]]],
        ],
      ],
    ]);
  });

  it('shows a team whose parent is not in the list at the top rather than losing it', () => {
    expect(shape(buildTeamTree([team('orphan', 'gone'), team('root', null)]))).toEqual([
      ['orphan', []],
      ['root', []],
    ]);
  });
});

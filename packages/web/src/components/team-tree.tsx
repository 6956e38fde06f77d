// Teams drawn as their hierarchy: each team under its parent, with members and sub-teams counted.
import type { Team } from '../api/identity.ts';
import { Link } from '../router.tsx';

export interface TeamNode {
  team: Team;
  children: TeamNode[];
}

/** Roots are teams without a parent, or whose parent is not in the list; siblings by display name. */
export function buildTeamTree(teams: Team[]): TeamNode[] {
  const byName = new Map(teams.map((team) => [team.name, team]));
  const childrenOf = new Map<string, Team[]>();
  const roots: Team[] = [];
  for (const team of teams) {
    if (team.parent && byName.has(team.parent)) {
      childrenOf.set(team.parent, [...(childrenOf.get(team.parent) ?? []), team]);
    } else {
      roots.push(team);
    }
  }
  const seen = new Set<string>();
  const toNode = (team: Team): TeamNode => {
    seen.add(team.name);
    const children = sortTeams(childrenOf.get(team.name) ?? []).filter((child) => !seen.has(child.name));
    return { team, children: children.map(toNode) };
  };
  return sortTeams(roots).map(toNode);
}

function sortTeams(teams: Team[]): Team[] {
  return [...teams].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function TeamTree({ nodes, depth = 0 }: { nodes: TeamNode[]; depth?: number }) {
  return (
    <ul className={depth === 0 ? 'team-tree' : 'team-tree__children'}>
      {nodes.map((node) => (
        <li key={node.team.name} className="team-tree__item">
          <TeamRow team={node.team} />
          {node.children.length > 0 && <TeamTree nodes={node.children} depth={depth + 1} />}
        </li>
      ))}
    </ul>
  );
}

export function TeamRow({ team, context }: { team: Team; context?: string }) {
  const subTeams = team.children.length;
  return (
    <div className="team-row">
      <div className="team-row__main">
        <Link href={`/teams/${encodeURIComponent(team.name)}`} className="team-row__name">
          {team.displayName}
        </Link>
        <span className="team-row__handle">{team.name}</span>
        {context && <span className="team-row__context">in {context}</span>}
        {team.description && <p className="team-row__description">{team.description}</p>}
      </div>
      <p className="team-row__stats">
        <span className="team-row__members">
          <strong>{team.memberCount}</strong> {team.memberCount === 1 ? 'member' : 'members'}
        </span>
        {subTeams > 0 && (
          <span className="team-row__sub-teams">
            <strong>{subTeams}</strong> {subTeams === 1 ? 'sub-team' : 'sub-teams'}
          </span>
        )}
      </p>
    </div>
  );
}

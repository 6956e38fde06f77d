// All teams, as their hierarchy; a filter narrows them to a flat list of matches.
import { useState } from 'react';
import { listTeams, type Team } from '../api/identity.ts';
import { useResource } from '../api/use-resource.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { buildTeamTree, TeamRow, TeamTree } from '../components/team-tree.tsx';

export function TeamsPage() {
  const teams = useResource('teams', listTeams);
  const [filter, setFilter] = useState('');
  return (
    <>
      <PageHeader
        title="Teams"
        subtitle="Every team, under the team it belongs to. Owners of services, alerts and schedules are teams."
        actions={
          <input
            type="search"
            className="search"
            placeholder="Filter teams"
            aria-label="Filter teams"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        }
      />
      <ResourceView resource={teams} label="teams">
        {(list) => <TeamsView teams={list} filter={filter.trim().toLowerCase()} />}
      </ResourceView>
    </>
  );
}

function TeamsView({ teams, filter }: { teams: Team[]; filter: string }) {
  if (teams.length === 0) {
    return <p className="empty">No teams yet. Teams come from the catalog or from the API.</p>;
  }
  if (filter === '') {
    return (
      <section className="card card--flush" aria-label="Team hierarchy">
        <TeamTree nodes={buildTeamTree(teams)} />
      </section>
    );
  }
  const byName = new Map(teams.map((team) => [team.name, team]));
  const matches = teams.filter((team) =>
    [team.name, team.displayName, team.description ?? ''].some((text) => text.toLowerCase().includes(filter)),
  );
  if (matches.length === 0) return <p className="empty">No team matches “{filter}”.</p>;
  return (
    <section className="card card--flush" aria-label="Matching teams">
      <ul className="team-tree">
        {matches.map((team) => (
          <li key={team.name} className="team-tree__item">
            <TeamRow team={team} context={team.parent ? byName.get(team.parent)?.displayName : undefined} />
          </li>
        ))}
      </ul>
    </section>
  );
}

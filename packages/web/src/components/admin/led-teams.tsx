// A team lead's part of the Memberships page: the teams they lead, each with its members to change.
// (Leads change members; creating and deleting teams is for admins.)
import { fetchTeam, type TeamDetail } from '../../api/identity.ts';
import { useResource } from '../../api/use-resource.ts';
import { useSession } from '../../session/session-context.tsx';
import { ResourceView } from '../resource-view.tsx';
import { TeamMembersEditor } from './team-members-editor.tsx';

export function LedTeams() {
  const { user } = useSession();
  const led = useResource(`led-teams:${user.teams.join(',')}`, async () => {
    const teams = await Promise.all(user.teams.map((name) => fetchTeam(name)));
    return teams.filter((team) => isLead(team, user.handle));
  });
  return (
    <ResourceView resource={led} label="the teams you lead">
      {(teams) =>
        teams.length === 0 ? (
          <p className="card empty">
            You lead no team. A team's leads and Steward's admins change who is in it; ask one of them.
          </p>
        ) : (
          teams.map((team) => (
            <section key={team.id} aria-labelledby={`led-${team.name}`}>
              <h2 id={`led-${team.name}`} className="section-title">
                {team.displayName}
              </h2>
              <TeamMembersEditor team={team.name} onChanged={() => undefined} />
            </section>
          ))
        )
      }
    </ResourceView>
  );
}

function isLead(team: TeamDetail, handle: string): boolean {
  return team.members.some((member) => member.handle === handle && member.role === 'lead');
}

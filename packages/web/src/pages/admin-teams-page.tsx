// Teams and who is in them. Admins create and delete teams and change any team's members; a team's
// leads change their own team's members; viewers change nothing.
import { useState } from 'react';
import type { ApiError } from '../api/http.ts';
import { deleteTeam, listTeams, type Team } from '../api/identity.ts';
import { asApiError, useResource } from '../api/use-resource.ts';
import { AdminsOnly } from '../components/admin/admins-only.tsx';
import { LedTeams } from '../components/admin/led-teams.tsx';
import { NewTeamForm } from '../components/admin/new-team-form.tsx';
import { TeamMembersEditor } from '../components/admin/team-members-editor.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';

export function AdminTeamsPage() {
  const { user } = useSession();
  if (user.role === 'member') {
    return (
      <>
        <PageHeader
          title="Memberships"
          subtitle="The teams you lead: add people, make them leads, remove them."
        />
        <LedTeams />
      </>
    );
  }
  return (
    <AdminsOnly title="Managing teams" alsoFor="and team leads">
      <ManageTeams />
    </AdminsOnly>
  );
}

function ManageTeams() {
  const teams = useResource('admin-teams', listTeams);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const remove = async (team: Team) => {
    const question = `Delete team ${team.displayName}? Its ${team.memberCount} memberships go with it; what it owns in the catalog keeps naming it.`;
    if (!window.confirm(question)) return;
    setError(null);
    try {
      await deleteTeam(team.name);
      if (open === team.name) setOpen(null);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      teams.reload();
    }
  };

  return (
    <>
      <PageHeader title="Memberships" subtitle="Create teams, change who is in them and who leads them." />
      <NewTeamForm teams={teams.data ?? []} onCreated={teams.reload} />
      {error && <ProblemMessage error={error} />}
      <h2 className="section-title">Teams</h2>
      <ResourceView resource={teams} label="teams">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No teams yet.</p>
          ) : (
            <ul className="admin-teams">
              {list.map((team) => (
                <li key={team.id} className="card admin-teams__item">
                  <div className="admin-teams__row">
                    <span>
                      <Link href={`/teams/${encodeURIComponent(team.name)}`}>{team.displayName}</Link>{' '}
                      <span className="muted">
                        {team.name}
                        {team.parent ? `, under ${team.parent}` : ''}, {team.memberCount} member
                        {team.memberCount === 1 ? '' : 's'}
                      </span>
                    </span>
                    <span className="admin-teams__actions">
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-expanded={open === team.name}
                        aria-label={`Members of ${team.displayName}`}
                        onClick={() => setOpen(open === team.name ? null : team.name)}
                      >
                        Members
                      </button>
                      <button
                        type="button"
                        className="button button--danger-ghost"
                        aria-label={`Delete ${team.displayName}`}
                        onClick={() => remove(team)}
                      >
                        Delete
                      </button>
                    </span>
                  </div>
                  {open === team.name && <TeamMembersEditor team={team.name} onChanged={teams.reload} />}
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}

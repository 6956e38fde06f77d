// One team's members as an admin or lead changes them: add someone, make them lead or member, remove
// them. A team read from a catalog file may refuse (409); its message says where the team is defined.
import { type FormEvent, useId, useState } from 'react';
import {
  fetchTeam,
  listUsers,
  type MemberRole,
  removeMember,
  setMember,
  type TeamDetail,
} from '../../api/identity.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { ResourceView } from '../resource-view.tsx';

export function TeamMembersEditor({ team, onChanged }: { team: string; onChanged: () => void }) {
  const detail = useResource(`admin-team:${team}`, () => fetchTeam(team));
  const people = useResource('admin-team-people', listUsers);
  const { busy, error, run } = useAction();

  const change = (action: () => Promise<TeamDetail>) =>
    run(async () => {
      await action();
      onChanged();
    }, detail.reload);

  return (
    <section className="card admin-members" aria-label={`Members of ${team}`}>
      {error && <ProblemMessage error={error} />}
      <ResourceView resource={detail} label="members">
        {(current) => (
          <>
            <MemberList team={current} busy={busy} change={change} />
            <AddMember
              team={current}
              candidates={(people.data ?? []).filter(
                (p) => !current.members.some((m) => m.handle === p.handle),
              )}
              busy={busy}
              onAdd={(handle, role) => change(() => setMember(current.name, handle, role))}
            />
          </>
        )}
      </ResourceView>
    </section>
  );
}

interface MemberListProps {
  team: TeamDetail;
  busy: boolean;
  change: (action: () => Promise<TeamDetail>) => void;
}

function MemberList({ team, busy, change }: MemberListProps) {
  if (team.members.length === 0) return <p className="empty">{team.displayName} has no members yet.</p>;
  return (
    <ul className="admin-members__list">
      {team.members.map((member) => (
        <li key={member.handle} className="admin-members__item">
          <span>
            {member.name} <span className="muted">{member.handle}</span>
          </span>
          <label className="visually-hidden" htmlFor={`role-${team.name}-${member.handle}`}>
            Role of {member.name} in {team.displayName}
          </label>
          <select
            id={`role-${team.name}-${member.handle}`}
            value={member.role}
            disabled={busy}
            onChange={(event) =>
              change(() => setMember(team.name, member.handle, event.target.value as MemberRole))
            }
          >
            <option value="member">member</option>
            <option value="lead">lead</option>
          </select>
          <button
            type="button"
            className="button button--danger-ghost"
            disabled={busy}
            aria-label={`Remove ${member.name} from ${team.displayName}`}
            onClick={() => change(() => removeMember(team.name, member.handle))}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

interface AddMemberProps {
  team: TeamDetail;
  candidates: { handle: string; name: string }[];
  busy: boolean;
  onAdd: (handle: string, role: MemberRole) => void;
}

function AddMember({ team, candidates, busy, onAdd }: AddMemberProps) {
  const [handle, setHandle] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const ids = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (handle) onAdd(handle, role);
    setHandle('');
  };
  return (
    <form className="admin-form__row" onSubmit={submit} aria-label={`Add a member to ${team.displayName}`}>
      <div className="field admin-form__wide">
        <label className="field__label" htmlFor={`${ids}-person`}>
          Person to add
        </label>
        <select
          id={`${ids}-person`}
          required
          value={handle}
          onChange={(event) => setHandle(event.target.value)}
        >
          <option value="">choose someone…</option>
          {candidates.map((person) => (
            <option key={person.handle} value={person.handle}>
              {person.name} ({person.handle})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${ids}-role`}>
          Their role in the team
        </label>
        <select
          id={`${ids}-role`}
          value={role}
          onChange={(event) => setRole(event.target.value as MemberRole)}
        >
          <option value="member">member</option>
          <option value="lead">lead</option>
        </select>
      </div>
      <button
        type="submit"
        className="button button--secondary admin-form__button"
        disabled={busy || !handle}
      >
        Add member
      </button>
    </form>
  );
}

// Everyone who can sign in, with their role and teams; a filter finds a person by name, handle or team.
import { useState } from 'react';
import { listUsers, type User } from '../api/identity.ts';
import { useResource } from '../api/use-resource.ts';
import { Avatar } from '../components/avatar.tsx';
import { Badge, roleTone } from '../components/badge.tsx';
import { OnlineDot } from '../components/online-dot.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { TeamChips } from '../components/team-chips.tsx';
import { Link } from '../router.tsx';

export function PeoplePage() {
  const users = useResource('users', listUsers);
  const [filter, setFilter] = useState('');
  return (
    <>
      <PageHeader
        title="People"
        subtitle="Everyone in the organisation, and the teams they belong to."
        actions={
          <input
            type="search"
            className="search"
            placeholder="Filter people"
            aria-label="Filter people"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        }
      />
      <ResourceView resource={users} label="people">
        {(list) => <PeopleTable users={matching(list, filter.trim().toLowerCase())} />}
      </ResourceView>
    </>
  );
}

function matching(users: User[], filter: string): User[] {
  const sorted = [...users].sort((a, b) => a.name.localeCompare(b.name));
  if (filter === '') return sorted;
  return sorted.filter((user) =>
    [user.name, user.handle, user.email ?? '', ...user.teams].some((text) =>
      text.toLowerCase().includes(filter),
    ),
  );
}

function PeopleTable({ users }: { users: User[] }) {
  if (users.length === 0) return <p className="empty">No one matches.</p>;
  return (
    <div className="card card--flush table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Teams</th>
            <th scope="col">Role</th>
            <th scope="col">Email</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <span className="person-cell">
                  <Avatar handle={user.handle} name={user.name} size="sm" />
                  <Link href={`/people/${encodeURIComponent(user.handle)}`}>{user.name}</Link>
                  <span className="muted">{user.handle}</span>
                  <OnlineDot handle={user.handle} />
                </span>
              </td>
              <td>
                <TeamChips teams={user.teams} />
              </td>
              <td>
                <Badge tone={roleTone(user.role)}>{user.role}</Badge>
              </td>
              <td className="muted">{user.email ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

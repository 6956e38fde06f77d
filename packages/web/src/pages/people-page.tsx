// Everyone who can sign in, with their role and teams; a filter finds a person by name, handle or team.
import { useState } from 'react';
import { listUsers, type User } from '../api/identity.ts';
import { useResource } from '../api/use-resource.ts';
import { Avatar } from '../components/avatar.tsx';
import { Badge, roleTone } from '../components/badge.tsx';
import { type Column, DataTable } from '../components/data-table.tsx';
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

const peopleColumns: Column<User>[] = [
  {
    id: 'name',
    header: 'Name',
    sortValue: (user) => user.name,
    cell: (user) => (
      <span className="person-cell">
        <Avatar handle={user.handle} name={user.name} size="sm" />
        <Link href={`/people/${encodeURIComponent(user.handle)}`}>{user.name}</Link>
        <span className="muted">{user.handle}</span>
        <OnlineDot handle={user.handle} />
      </span>
    ),
  },
  {
    id: 'teams',
    header: 'Teams',
    sortValue: (user) => user.teams.join(' '),
    cell: (user) => <TeamChips teams={user.teams} />,
  },
  {
    id: 'role',
    header: 'Role',
    sortValue: (user) => user.role,
    cell: (user) => <Badge tone={roleTone(user.role)}>{user.role}</Badge>,
  },
  {
    id: 'email',
    header: 'Email',
    className: 'muted',
    sortValue: (user) => user.email,
    cell: (user) => user.email ?? '—',
  },
];

function PeopleTable({ users }: { users: User[] }) {
  if (users.length === 0) return <p className="empty">No one matches.</p>;
  return <DataTable label="People" columns={peopleColumns} rows={users} rowKey={(user) => user.id} />;
}
